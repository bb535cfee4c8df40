{{/* Chart name, overridable. */}}
{{- define "kubezap.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Base name of the release's objects: the release name, prefixed with the chart name unless it already contains it. */}}
{{- define "kubezap.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "kubezap.operator.fullname" -}}
{{- printf "%s-operator" (include "kubezap.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "kubezap.postgresql.fullname" -}}
{{- printf "%s-postgresql" (include "kubezap.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "kubezap.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: kubezap
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
{{- end }}

{{- define "kubezap.operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kubezap.name" . }}-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "kubezap.operator.labels" -}}
{{ include "kubezap.labels" . }}
{{ include "kubezap.operator.selectorLabels" . }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "kubezap.postgresql.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kubezap.name" . }}-postgresql
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "kubezap.postgresql.labels" -}}
{{ include "kubezap.labels" . }}
{{ include "kubezap.postgresql.selectorLabels" . }}
app.kubernetes.io/component: database
{{- end }}

{{- define "kubezap.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "kubezap.operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create=false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* repository:tag, the tag defaulting to the chart's appVersion. Call with (dict "image" .Values.x.image "context" $). */}}
{{- define "kubezap.image" -}}
{{- printf "%s:%s" .image.repository (default .context.Chart.AppVersion .image.tag) }}
{{- end }}

{{/* Name of the Secret with the database credentials: the bundled one, or the user's. */}}
{{- define "kubezap.database.secretName" -}}
{{- if .Values.postgresql.bundled.enabled }}
{{- default (include "kubezap.postgresql.fullname" .) .Values.postgresql.bundled.existingSecret }}
{{- else }}
{{- .Values.postgresql.external.secretName }}
{{- end }}
{{- end }}

{{/* The operator's RBAC rules, read from the file the operator module keeps up to date. */}}
{{- define "kubezap.operator.rules" -}}
{{- $rules := .Files.Get "files/operator-clusterrole-rules.yaml" | fromYamlArray }}
{{- if not $rules }}
{{- fail "files/operator-clusterrole-rules.yaml is missing or empty: the chart cannot grant the operator its permissions" }}
{{- end }}
{{- toYaml $rules }}
{{- end }}

{{/* The release namespace plus every watched one: where the operator needs a Role in namespaced mode, and where session pods find the bundled database's Secret. */}}
{{- define "kubezap.releaseAndWatchedNamespaces" -}}
{{- toYaml (uniq (prepend .Values.watchNamespaces .Release.Namespace)) }}
{{- end }}

{{/* Namespaces whose session pods the NetworkPolicy protects. */}}
{{- define "kubezap.networkPolicy.namespaces" -}}
{{- if .Values.networkPolicy.namespaces }}
{{- toYaml (uniq .Values.networkPolicy.namespaces) }}
{{- else if .Values.watchNamespaces }}
{{- toYaml (uniq .Values.watchNamespaces) }}
{{- else }}
{{- toYaml (list .Release.Namespace) }}
{{- end }}
{{- end }}

{{- define "kubezap.restrictedContainerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* A ClusterRole or Role with the operator's rules, bound to its ServiceAccount. Call with (dict "context" $ "kind" "Role" "namespace" "ns"). */}}
{{- define "kubezap.operator.roleAndBinding" -}}
{{- $ := .context }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: {{ .kind }}
metadata:
  name: {{ include "kubezap.operator.fullname" $ }}
  {{- with .namespace }}
  namespace: {{ . }}
  {{- end }}
  labels:
    {{- include "kubezap.operator.labels" $ | nindent 4 }}
rules:
  {{- include "kubezap.operator.rules" $ | nindent 2 }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: {{ .kind }}Binding
metadata:
  name: {{ include "kubezap.operator.fullname" $ }}
  {{- with .namespace }}
  namespace: {{ . }}
  {{- end }}
  labels:
    {{- include "kubezap.operator.labels" $ | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: {{ .kind }}
  name: {{ include "kubezap.operator.fullname" $ }}
subjects:
  - kind: ServiceAccount
    name: {{ include "kubezap.serviceAccountName" $ }}
    namespace: {{ $.Release.Namespace }}
{{ end }}
