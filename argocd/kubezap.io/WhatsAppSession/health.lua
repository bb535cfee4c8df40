-- Argo CD health check for kubezap.io/WhatsAppSession (docs/argocd-health.md); tested by ArgoCdHealthTest (module
-- helm) on testdata/ with health_test.yaml, in the layout of Argo CD's resource_customizations.
local hs = {status = "Progressing", message = "waiting for the operator"}
-- how long a session may be on its way (Pending, Starting, Reconnecting, a database outage) before it is Degraded
local progressDeadlineSeconds = 600

-- Seconds since an RFC 3339 UTC time such as 2026-01-01T11:55:00Z. Argo CD's Lua keeps only os.time and os.date of
-- the os library; os.time() is the Unix time everywhere, the time zone never enters: the stamp's days since 1970 are
-- counted here (the civil-calendar formula of Howard Hinnant's date algorithms).
local function secondsSince(stamp)
  local y, mo, d, h, mi, s = string.match(stamp or "", "^(%d+)-(%d+)-(%d+)T(%d+):(%d+):(%d+)")
  if y == nil then
    return nil
  end
  y, mo = tonumber(y), tonumber(mo)
  if mo <= 2 then y = y - 1 end
  local era = math.floor(y / 400)
  local yearOfEra = y - era * 400
  local dayOfYear = math.floor((153 * ((mo + 9) % 12) + 2) / 5) + tonumber(d) - 1
  local dayOfEra = yearOfEra * 365 + math.floor(yearOfEra / 4) - math.floor(yearOfEra / 100) + dayOfYear
  local days = era * 146097 + dayOfEra - 719468
  return os.time() - (days * 86400 + tonumber(h) * 3600 + tonumber(mi) * 60 + tonumber(s))
end

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
-- waits that end only when someone changes something: a Secret, an image, capacity, maxSessions, a quota or policy
local stuck = {WebhookSecretMissing = true, DatabaseSecretMissing = true, ImagePullBackOff = true,
  ErrImagePull = true, CrashLoopBackOff = true, Unschedulable = true, SessionLimitReached = true,
  PodCreationFailed = true}
-- Connected with Ready False: the operator cannot carry the spec out (the phase is the last one seen)
local blocked = ready ~= nil and ready.status == "False"
if phase == "Connected" and not blocked then
  hs.status = "Healthy"
elseif phase == "Suspended" or phase == "WaitingForQR" or phase == "WaitingForPairingCode" then
  hs.status = "Suspended"
elseif phase == "LoggedOut" or phase == "Failed" then
  hs.status = "Degraded"
elseif ready ~= nil and stuck[ready.reason] then
  hs.status = "Degraded"
elseif blocked then
  local waited = secondsSince(ready.lastTransitionTime)
  if waited ~= nil and waited > progressDeadlineSeconds then
    hs.status = "Degraded"
    hs.message = hs.message .. " (not ready for " .. tostring(math.floor(waited / 60)) .. " minutes)"
  end
end
return hs
