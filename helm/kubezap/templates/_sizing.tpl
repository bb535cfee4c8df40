{{/*
Requests and limits of the operator and the gateway, from operator.maxSessions when their `resources` value is left
empty (an explicit value is used as given). The formula and the benchmark it rests on: helm/README.md, "Running
10,000 sessions", and docs/benchmarks.md, "The operator at 10,000". Memory in MiB:
  limit   = base + perThousand × maxSessions / 1,000, rounded up to a multiple of 64
  request = the limit (a JVM that grows into memory the node may take back is an OOM kill waiting for load)
CPU: request = base + perThousand × maxSessions / 1,000 millicores; no CPU limit (a throttled operator converges late).
*/}}
{{- define "kubezap.sizing.memoryMiB" -}}
{{- $mib := add .base (div (mul .sessions .perThousand) 1000) }}
{{- mul (div (add $mib 63) 64) 64 }}
{{- end }}

{{- define "kubezap.sizing.resources" -}}
{{- $memory := include "kubezap.sizing.memoryMiB" (dict "sessions" .sessions "base" .memoryBase "perThousand" .memoryPerThousand) }}
requests:
  cpu: {{ add .cpuBase (div (mul .sessions .cpuPerThousand) 1000) }}m
  memory: {{ $memory }}Mi
limits:
  memory: {{ $memory }}Mi
{{- end }}

{{/* The operator: informer caches of every session's objects (session, Secrets, StatefulSet) on a fixed JVM. */}}
{{- define "kubezap.operator.resources" -}}
{{- if .Values.operator.resources }}
{{- toYaml .Values.operator.resources }}
{{- else }}
{{- include "kubezap.sizing.resources" (dict "sessions" (int .Values.operator.maxSessions)
      "memoryBase" 512 "memoryPerThousand" 96 "cpuBase" 100 "cpuPerThousand" 50) }}
{{- end }}
{{- end }}

{{/* The gateway: its informers hold every session and its key copy, each replica all of them. */}}
{{- define "kubezap.gateway.resources" -}}
{{- if .Values.gateway.resources }}
{{- toYaml .Values.gateway.resources }}
{{- else }}
{{- include "kubezap.sizing.resources" (dict "sessions" (int .Values.operator.maxSessions)
      "memoryBase" 384 "memoryPerThousand" 32 "cpuBase" 100 "cpuPerThousand" 20) }}
{{- end }}
{{- end }}
