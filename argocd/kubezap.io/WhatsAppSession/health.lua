-- Argo CD health check for kubezap.io/WhatsAppSession (docs/argocd-health.md); tested by ArgoCdHealthTest (module
-- helm) on testdata/ with health_test.yaml, in the layout of Argo CD's resource_customizations.
local hs = {status = "Progressing", message = "waiting for the operator"}
if obj.status == nil or obj.status.phase == nil then
  return hs
end
local generation = obj.metadata and obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.message = "the operator has not yet acted on the latest spec (generation " .. tostring(generation) .. ")"
  return hs
end
local ready = nil
for _, c in ipairs(obj.status.conditions or {}) do
  if c.type == "Ready" then ready = c end
end
local phase = obj.status.phase
hs.message = ready ~= nil and ready.message or phase
local stuck = {WebhookSecretMissing = true, DatabaseSecretMissing = true, ImagePullBackOff = true,
  ErrImagePull = true, CrashLoopBackOff = true, Unschedulable = true}
if phase == "Connected" then
  hs.status = "Healthy"
elseif phase == "Suspended" or phase == "WaitingForQR" or phase == "WaitingForPairingCode" then
  hs.status = "Suspended"
elseif phase == "LoggedOut" or phase == "Failed" then
  hs.status = "Degraded"
elseif ready ~= nil and stuck[ready.reason] then
  hs.status = "Degraded"
end
return hs
