{{/* The Barman Cloud plugin's ObjectStore of the Cluster's backups (backup and recovery read it). */}}
{{- define "kubezap.cloudnativepg.objectStoreName" -}}
{{- printf "%s-backups" (include "kubezap.cloudnativepg.clusterName" .) }}
{{- end }}

{{/* The externalClusters entry a recovering Cluster reads its backup from. */}}
{{- define "kubezap.cloudnativepg.recoverySource" -}}
origin
{{- end }}

{{/* The name this Cluster archives under: backup.serverName, else the Cluster's name. */}}
{{- define "kubezap.cloudnativepg.archiveServerName" -}}
{{- .Values.postgresql.cloudnativepg.backup.serverName | default (include "kubezap.cloudnativepg.clusterName" .) }}
{{- end }}

{{/*
Refuses what CloudNativePG would only refuse later, inside a failing pod: recovery without an object store, and a
recovered Cluster archiving into the archive it recovers from (its WAL archive must start empty).
*/}}
{{- define "kubezap.cloudnativepg.checkBackup" -}}
{{- $cnpg := .Values.postgresql.cloudnativepg }}
{{- if or $cnpg.backup.enabled $cnpg.recovery.enabled }}
{{- if not $cnpg.backup.destinationPath }}
{{- fail "postgresql.cloudnativepg.backup.destinationPath is required for backups and for recovery (e.g. s3://kubezap-backups/)" }}
{{- end }}
{{- if not $cnpg.backup.s3Credentials.secretName }}
{{- fail "postgresql.cloudnativepg.backup.s3Credentials.secretName: the Secret with the object store's credentials is required" }}
{{- end }}
{{- end }}
{{- if and $cnpg.recovery.enabled $cnpg.backup.enabled (eq $cnpg.recovery.sourceServerName (include "kubezap.cloudnativepg.archiveServerName" .)) }}
{{- fail (printf "the recovered Cluster would archive its WAL as %q, the server it recovers from: set postgresql.cloudnativepg.backup.serverName to a new name (e.g. %s-restored; docs/restore-drill.md)" $cnpg.recovery.sourceServerName $cnpg.recovery.sourceServerName) }}
{{- end }}
{{- end }}
