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

{{/*
The operator: informer caches of every session's objects (session, Secrets, StatefulSet) on a JVM sized for them
(kubezap.operator.jvmOptions): its heap grows with the sessions, everything else of the process is fixed.
Measured with objects as a real API server sends them (docs/benchmarks.md, "The operator at 10,000: shared field
trees…"): outside the heap 196 MiB tracked by NMT (JIT code, metaspace, ~160 threads, symbols, shared classes) and
~70 MiB more resident (malloc, mapped jars): resident less -Xmx was 248 MiB at 5,000 sessions, 274 at 4,345 and 302
at 9,561 (243 threads while starved), so nonHeap 304; live heap ~26 KiB per session (261 MiB at 9,561
sessions), and with a heap of 384 MiB the serial collector's old generation was full at 9,500 sessions (a full
collection every few seconds), so a heap of 64 MiB + 64 per 1,000 sessions: about 2.5 times the live objects.
*/}}
{{- define "kubezap.operator.sizing" -}}
{{- dict "nonHeap" 304 "heapBase" 64 "heapPerThousand" 64 "cpuBase" 100 "cpuPerThousand" 50 | toJson }}
{{- end }}

{{- define "kubezap.operator.memoryMiB" -}}
{{- $sizing := include "kubezap.operator.sizing" . | fromJson }}
{{- include "kubezap.sizing.memoryMiB" (dict "sessions" (int .Values.operator.maxSessions)
      "base" (add $sizing.nonHeap $sizing.heapBase) "perThousand" $sizing.heapPerThousand) }}
{{- end }}

{{- define "kubezap.operator.resources" -}}
{{- if .Values.operator.resources }}
{{- toYaml .Values.operator.resources }}
{{- else }}
{{- $sizing := include "kubezap.operator.sizing" . | fromJson }}
{{- include "kubezap.sizing.resources" (dict "sessions" (int .Values.operator.maxSessions)
      "memoryBase" (add $sizing.nonHeap $sizing.heapBase) "memoryPerThousand" $sizing.heapPerThousand
      "cpuBase" $sizing.cpuBase "cpuPerThousand" $sizing.cpuPerThousand) }}
{{- end }}
{{- end }}

{{/*
The operator's JVM options (JDK_JAVA_OPTIONS: the launcher puts them after the image's JAVA_TOOL_OPTIONS, so they win).
A serial collector: the heap is small and the operator waits on the API server, so G1's concurrent work buys nothing
and its remembered sets cost tens of MiB; string deduplication, as most strings of the cached objects repeat from
session to session. With derived resources the heap is the limit less the measured non-heap memory; with explicit
ones it stays the image's share (75 % of the limit).
*/}}
{{- define "kubezap.operator.jvmOptions" -}}
-XX:+UseSerialGC -XX:+UseStringDeduplication -XX:MaxMetaspaceSize=128m
{{- if not .Values.operator.resources }}
{{- $sizing := include "kubezap.operator.sizing" . | fromJson }} -Xmx{{ sub (include "kubezap.operator.memoryMiB" . | int) $sizing.nonHeap }}m
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
