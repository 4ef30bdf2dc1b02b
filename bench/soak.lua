-- wrk script for bench/soak.py: a mix of reads, writes that do not add data, and sign-ins,
-- on one pool (POOL_ID), app client (CLIENT_ID) and user (soak-user), kept alive.
-- Prints one line: SOAK requests=<n> rps=<r> p50_ms=<x> p99_ms=<y> non2xx=<n> socket_errors=<n>

local pool = os.getenv("POOL_ID")
local client = os.getenv("CLIENT_ID")
local calls = {
  {"GetUserPoolMfaConfig", '{"UserPoolId":"' .. pool .. '"}'},
  {"SetUserPoolMfaConfig", '{"UserPoolId":"' .. pool .. '","MfaConfiguration":"OFF"}'},
  {"AdminGetUser", '{"UserPoolId":"' .. pool .. '","Username":"soak-user"}'},
  {"DescribeUserPool", '{"UserPoolId":"' .. pool .. '"}'},
  {"ListUsers", '{"UserPoolId":"' .. pool .. '","Limit":10}'},
  {"AdminUpdateUserAttributes", '{"UserPoolId":"' .. pool .. '","Username":"soak-user","UserAttributes":[{"Name":"name","Value":"Soak"}]}'},
  {"GetUserPoolMfaConfig", '{"UserPoolId":"' .. pool .. '"}'},
  {"InitiateAuth", '{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"' .. client .. '","AuthParameters":{"USERNAME":"soak-user","PASSWORD":"Soak-Passw0rd!"}}'},
}
local requests = {}
for i, c in ipairs(calls) do
  requests[i] = wrk.format("POST", "/", {
    ["Content-Type"] = "application/x-amz-json-1.1",
    ["X-Amz-Target"] = "AWSCognitoIdentityProviderService." .. c[1],
  }, c[2])
end
local n = 0

function request()
  n = n + 1
  return requests[(n % #requests) + 1]
end

function done(summary, latency, _)
  local seconds = summary.duration / 1000000
  local errs = summary.errors
  io.write(string.format("SOAK requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, errs.status, errs.connect + errs.read + errs.write + errs.timeout))
end
