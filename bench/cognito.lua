-- wrk script for one Cognito operation.
-- Environment: OPERATION (e.g. GetUserPoolMfaConfig) and BODY (the JSON request body).
-- Prints one machine-readable line that bench/run.sh parses:
--   BENCH requests=<n> seconds=<s> rps=<r> p50_ms=<x> p99_ms=<y> non2xx=<n> socket_errors=<n>

local operation = os.getenv("OPERATION") or "GetUserPoolMfaConfig"

wrk.method = "POST"
wrk.path = "/"
wrk.body = os.getenv("BODY") or "{}"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AWSCognitoIdentityProviderService." .. operation

function done(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local errs = summary.errors
  local socket_errors = errs.connect + errs.read + errs.write + errs.timeout
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errs.status, socket_errors))
end
