#!/usr/bin/env bash
# kubezap end to end on a throwaway kind cluster:
#   build the four images (images/build.sh, the same script CI's image test runs) -> load them into kind
#   -> helm install --wait -> apply examples/session-qr.yaml -> wait for a QR code in the WhatsAppSession's status
#   -> call the session's REST API from a labelled client pod through the session Service and its API-key Secret
#   -> the same session through the gateway with the chart's admin key -> uninstall.
#
# NOT RUN in the environment kubezap was developed in (no Kubernetes cluster can be started there; its image steps,
# images/build.sh, are run there by system-tests ImagesIT). It needs kind, kubectl, helm, podman or Docker on the
# PATH, and internet access for the session pod (WhatsApp's servers) and for image pulls.
#
# Usage:  e2e/kind.sh            (from anywhere; KEEP_CLUSTER=1 keeps the cluster afterwards,
#                                  PAIR=1 also draws the QR and waits for condition Ready while you
#                                  scan it with a phone — the QR codes rotate, so a stale one fails;
#                                  BUILD_OPTS="--local-base" etc. are passed to images/build.sh)
set -euo pipefail

CLUSTER="${CLUSTER:-kubezap-e2e}"
TAG="${TAG:-e2e}"
RELEASE_NAMESPACE="${RELEASE_NAMESPACE:-kubezap-system}"
SESSION_NAMESPACE="${SESSION_NAMESPACE:-kubezap-e2e}"
SESSION=loja-01
TIMEOUT="${TIMEOUT:-300}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

log() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; exit 1; }

for tool in kind kubectl helm; do
  command -v "$tool" >/dev/null || fail "$tool is not on the PATH"
done
. "$ROOT/images/engine.sh"
command -v "$CONTAINER_ENGINE" >/dev/null || fail "neither podman nor docker is on the PATH"

cleanup() {
  status=$?
  if [[ $status -ne 0 ]]; then
    log "diagnostics"
    kubectl get was,statefulsets,pods,svc,secrets -n "$SESSION_NAMESPACE" || true
    kubectl logs -n "$RELEASE_NAMESPACE" deploy/kubezap-operator --tail=100 || true
  fi
  if [[ "${KEEP_CLUSTER:-0}" != 1 ]]; then
    log "deleting kind cluster $CLUSTER"
    kind delete cluster --name "$CLUSTER" || true
  fi
  exit $status
}
trap cleanup EXIT

log "kind cluster $CLUSTER"
kind get clusters | grep -qx "$CLUSTER" || kind create cluster --name "$CLUSTER" --wait 120s
kubectl config use-context "kind-$CLUSTER"

log "building the images (tag $TAG)"
# shellcheck disable=SC2086 # options, split on purpose
# --replace: e2e is a throwaway tag, rebuilt from whatever commit is checked out
mapfile -t images < <("$ROOT/images/build.sh" --replace --tag "$TAG" ${BUILD_OPTS:-})
[[ ${#images[@]} -eq 4 ]] || fail "images/build.sh built ${#images[@]} images, not 4"
log "loading ${images[*]} into kind"
archive="$(mktemp)"
if [[ "$CONTAINER_ENGINE" == podman ]]; then multi=(--multi-image-archive); else multi=(); fi
engine save "${multi[@]}" -o "$archive" "${images[@]}"
kind load image-archive --name "$CLUSTER" "$archive"
rm -f "$archive"

log "installing the chart (watching $SESSION_NAMESPACE, NetworkPolicy on)"
kubectl create namespace "$SESSION_NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -
helm upgrade --install kubezap "$ROOT/helm/kubezap" \
  --namespace "$RELEASE_NAMESPACE" --create-namespace \
  --set operator.image.tag="$TAG" \
  --set gateway.image.tag="$TAG" \
  --set session.image.tag="$TAG" \
  --set session.baileysImage.tag="$TAG" \
  --set "watchNamespaces={$SESSION_NAMESPACE}" \
  --set networkPolicy.enabled=true \
  --wait --timeout "${TIMEOUT}s"
kubectl rollout status -n "$RELEASE_NAMESPACE" statefulset/kubezap-postgresql --timeout "${TIMEOUT}s"

log "applying examples/session-qr.yaml in $SESSION_NAMESPACE"
kubectl apply -n "$SESSION_NAMESPACE" -f "$ROOT/examples/session-qr.yaml"

log "waiting for a QR code in status (up to ${TIMEOUT}s)"
deadline=$((SECONDS + TIMEOUT))
until qr="$(kubectl get was "$SESSION" -n "$SESSION_NAMESPACE" -o jsonpath='{.status.qr.code}')" && [[ -n "$qr" ]]; do
  (( SECONDS < deadline )) || fail "no QR code in status after ${TIMEOUT}s"
  kubectl get was "$SESSION" -n "$SESSION_NAMESPACE" --no-headers 2>/dev/null || true
  sleep 5
done
echo "QR code: ${qr:0:24}..."

endpoint="$(kubectl get was "$SESSION" -n "$SESSION_NAMESPACE" -o jsonpath='{.status.endpoint}')"
api_key_secret="$(kubectl get was "$SESSION" -n "$SESSION_NAMESPACE" -o jsonpath='{.status.apiKeySecret}')"
[[ -n "$endpoint" && -n "$api_key_secret" ]] || fail "status.endpoint or status.apiKeySecret is empty"

log "calling $endpoint/api/v1/sessions/$SESSION from a client pod"
kubectl delete pod kubezap-client -n "$SESSION_NAMESPACE" --ignore-not-found
kubectl apply -n "$SESSION_NAMESPACE" -f - <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: kubezap-client
  labels:
    kubezap.io/client: "true"   # the chart's NetworkPolicy lets only labelled pods in
spec:
  restartPolicy: Never
  securityContext:
    runAsNonRoot: true
    runAsUser: 100
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: curl
      image: curlimages/curl:8.11.1
      env:
        - name: API_KEY
          valueFrom:
            secretKeyRef: {name: $api_key_secret, key: api-key}
      command: ["sh", "-c", "curl -sS --fail-with-body -H \"X-Api-Key: \$API_KEY\" $endpoint/api/v1/sessions/$SESSION"]
      securityContext:
        allowPrivilegeEscalation: false
        capabilities: {drop: ["ALL"]}
YAML
kubectl wait -n "$SESSION_NAMESPACE" pod/kubezap-client --for=jsonpath='{.status.phase}'=Succeeded --timeout 120s \
  || fail "the client pod could not call the session API: $(kubectl logs -n "$SESSION_NAMESPACE" kubezap-client 2>&1)"
state="$(kubectl logs -n "$SESSION_NAMESPACE" kubezap-client)"
echo "$state"
grep -q "\"name\" *: *\"$SESSION\"" <<<"$state" || fail "the session API did not answer with session $SESSION"
grep -q '"phase" *: *"WaitingForQR"' <<<"$state" || fail "the session API does not report WaitingForQR"

log "the same session through the gateway, with the chart's admin key"
key="$(kubectl get secret -n "$RELEASE_NAMESPACE-gateway-keys" kubezap-gateway-admin-key -o jsonpath='{.data.key}' | base64 -d)"
kubectl port-forward -n "$RELEASE_NAMESPACE" svc/kubezap-gateway 18080:8080 >/dev/null 2>&1 &
forward=$!
sleep 3
state="$(curl -sS --fail-with-body -H "X-Api-Key: $key" \
  "http://localhost:18080/api/v1/namespaces/$SESSION_NAMESPACE/sessions/$SESSION")" || fail "the gateway did not answer: $state"
echo "$state"
grep -q "$SESSION" <<<"$state" || fail "the gateway did not answer with session $SESSION"

if [[ "${PAIR:-0}" == 1 ]]; then
  # needs a phone: scan the QR with WhatsApp (Settings -> Linked devices) within the timeout
  log "PAIR=1: scan this QR code with WhatsApp"
  curl -sS -H "X-Api-Key: $key" "http://localhost:18080/api/v1/namespaces/$SESSION_NAMESPACE/sessions/$SESSION/qr?format=terminal"
  kubectl wait -n "$SESSION_NAMESPACE" --for=condition=Ready "was/$SESSION" --timeout "${TIMEOUT}s"
fi
kill "$forward" 2>/dev/null || true

log "uninstalling"
kubectl delete -n "$SESSION_NAMESPACE" pod/kubezap-client --ignore-not-found
kubectl delete -n "$SESSION_NAMESPACE" was "$SESSION" --wait --timeout "${TIMEOUT}s"
helm uninstall kubezap --namespace "$RELEASE_NAMESPACE" --wait
kubectl delete namespace "$SESSION_NAMESPACE" "$RELEASE_NAMESPACE" --wait=false

log "kubezap e2e on kind: PASSED"
