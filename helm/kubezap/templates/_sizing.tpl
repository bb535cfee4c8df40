{{/*
Requests and limits of the operator and the gateway, from operator.maxSessions when their `resources` value is left
empty (an explicit value is used as given). The formula and the benchmark it rests on: helm/README.md, "Running
10,000 sessions", docs/decisions/0010-operator-cache-pruned-and-compact.md and the studies it cites. Memory in MiB:
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
Measured at 10,000 sessions with objects as a real API server sends them (docs/benchmarks/
2026-11-26-operator-10000-compact-maps.md), on the JVM below with -Xmx216m: peak resident 389 MiB (VmHWM 398,864 kB) without NMT, so 174 MiB beside the
heap (NMT at 2,000 sessions: metaspace and class space 55, JIT code 24, threads 10-15, shared classes 14, symbols 10,
string deduplication 2-4; the rest malloc and mapped files): nonHeap 192, the limit's reserve beside the heap. The
serial collector grows the old generation to -Xmx before it collects in full, so the peak is -Xmx + ~185 MiB whatever
the live objects. The heap is a 32 MiB young generation and an old one ~1.2-1.4 times the live objects (~110 MiB at
6,830 sessions, ~12.5 KiB a session over a ~25 MiB base): 86 MiB + 13 per 1,000 sessions (216 MiB at 10,000, as
measured). -Xmx is that heap; the limit is the heap plus nonHeap, rounded up to 64 MiB (the rounding is headroom,
never heap).
*/}}
{{- define "kubezap.operator.sizing" -}}
{{- dict "nonHeap" 192 "heapBase" 86 "heapPerThousand" 13 "cpuBase" 100 "cpuPerThousand" 50 | toJson }}
{{- end }}

{{- define "kubezap.operator.heapMiB" -}}
{{- $sizing := include "kubezap.operator.sizing" . | fromJson }}
{{- add $sizing.heapBase (div (mul (int .Values.operator.maxSessions) $sizing.heapPerThousand) 1000) }}
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
and its remembered sets cost tens of MiB; string deduplication, as many strings of the cached objects repeat from
session to session; C1 alone (TieredStopAtLevel=1: JIT code 23 MiB at 10,000 sessions instead of 55-69, no C2 arena);
a fixed 32 MiB young generation, and a heap given back after a full collection down to 20 % free; glibc's free
memory handed back every 10 s (TrimNativeHeapInterval, a product flag since JDK 17.0.9 and 21.0.1). With derived
resources -Xmx is the heap of kubezap.operator.heapMiB; with explicit ones it stays the image's share (75 % of the
limit).
*/}}
{{- define "kubezap.operator.jvmOptions" -}}
-XX:+UseSerialGC -XX:+UseStringDeduplication -XX:MaxMetaspaceSize=128m -XX:TieredStopAtLevel=1 -Xmn32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:TrimNativeHeapInterval=10000
{{- if not .Values.operator.resources }} -Xmx{{ include "kubezap.operator.heapMiB" . }}m
{{- end }}
{{- end }}

{{/*
The gateway: each replica's informers hold every session and its key copy, pruned to what the gateway reads (module
gateway, cache.PrunedObjects). Measured with objects as a real API server sends them (docs/benchmarks/
2026-11-26-gateway-10000.md), serial collector: live heap after a full GC 26 MiB at 2,000 sessions and 65 MiB at 10,000 (163 MiB before
the pruning), so ~5 KiB a session over a ~16 MiB base. Beside the heap: peak resident 499 MiB with -Xmx288m at
10,000, so 211 MiB (NMT: metaspace and class space 62, JIT code 35, shared classes 14, symbols 11, NMT itself 5, 136
in all; the rest mapped files and malloc): nonHeap 240. The heap: 128 MiB (the fixed live objects, a young
generation, proxied bodies and live event streams in flight; streams were not part of the measurement) + 16 per 1,000
sessions (~3 times the live objects each session adds): 576 MiB and -Xmx336m at 10,000, where the gateway on exactly
that JVM peaked at 536 MiB (316 MiB at 2,000 on its 448 MiB and -Xmx208m).
*/}}
{{- define "kubezap.gateway.sizing" -}}
{{- dict "nonHeap" 240 "heapBase" 128 "heapPerThousand" 16 "cpuBase" 100 "cpuPerThousand" 20 | toJson }}
{{- end }}

{{- define "kubezap.gateway.memoryMiB" -}}
{{- $sizing := include "kubezap.gateway.sizing" . | fromJson }}
{{- include "kubezap.sizing.memoryMiB" (dict "sessions" (int .Values.operator.maxSessions)
      "base" (add $sizing.nonHeap $sizing.heapBase) "perThousand" $sizing.heapPerThousand) }}
{{- end }}

{{- define "kubezap.gateway.resources" -}}
{{- if .Values.gateway.resources }}
{{- toYaml .Values.gateway.resources }}
{{- else }}
{{- $sizing := include "kubezap.gateway.sizing" . | fromJson }}
{{- include "kubezap.sizing.resources" (dict "sessions" (int .Values.operator.maxSessions)
      "memoryBase" (add $sizing.nonHeap $sizing.heapBase) "memoryPerThousand" $sizing.heapPerThousand
      "cpuBase" $sizing.cpuBase "cpuPerThousand" $sizing.cpuPerThousand) }}
{{- end }}
{{- end }}

{{/*
The gateway's JVM options with derived resources (JDK_JAVA_OPTIONS, after the image's JAVA_TOOL_OPTIONS): the serial
collector it was measured with (the JVM's own choice below 1,792 MiB, kept when the limit grows past it) and a heap of
the limit less the measured non-heap memory; the serial collector grows its old generation to -Xmx before it collects
in full, so -Xmx, not the live objects, sets the peak. With explicit resources: none (the image's 75 % of the limit).
*/}}
{{- define "kubezap.gateway.jvmOptions" -}}
{{- if not .Values.gateway.resources }}
{{- $sizing := include "kubezap.gateway.sizing" . | fromJson -}}
-XX:+UseSerialGC -Xmx{{ sub (include "kubezap.gateway.memoryMiB" . | int) $sizing.nonHeap }}m
{{- end }}
{{- end }}
