-- wrk script for Cognito JSON requests (POST / with X-Amz-Target).
--
-- One fixed request:   OPERATION=GetUserPoolMfaConfig BODY='{"UserPoolId":"..."}'
-- A rotation:          REQUESTS=file, one request per line: "<Operation><TAB><JSON body>".
--                      Each thread walks the list in order from its own starting point, so a list of
--                      7 Get, 2 Set and 1 sign-in lines is a 70/20/10 mix; sign-in lines can name
--                      different users. The requests are formatted once per thread, in init().
-- Headers given with -H (e.g. "Connection: close") are sent with every request.
--
-- done() prints one machine-readable line that bench/run.sh parses:
--   BENCH requests=<n> seconds=<s> rps=<r> p50_ms=<x> p99_ms=<y> p999_ms=<z> max_ms=<m>
--         non2xx=<n> socket_errors=<n>

local prefix = "AWSCognitoIdentityProviderService."
local lines = {}

local file = os.getenv("REQUESTS")
if file and file ~= "" then
  for line in io.lines(file) do
    local operation, body = line:match("^([^\t]+)\t(.*)$")
    if operation then lines[#lines + 1] = { operation, body } end
  end
  assert(#lines > 0, "no requests in " .. file)
else
  lines[1] = { os.getenv("OPERATION") or "GetUserPoolMfaConfig", os.getenv("BODY") or "{}" }
end

wrk.method = "POST"
wrk.path = "/"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"

if #lines == 1 then
  -- A static request: wrk sends the same prebuilt bytes every time, with no Lua call per request.
  wrk.headers["X-Amz-Target"] = prefix .. lines[1][1]
  wrk.body = lines[1][2]
else
  local thread_count = 0
  function setup(thread)
    thread:set("thread_index", thread_count)
    thread_count = thread_count + 1
  end

  local formatted = {}
  local position = 1

  function init(args)
    for i, entry in ipairs(lines) do
      local headers = {}
      for name, value in pairs(wrk.headers) do headers[name] = value end
      headers["X-Amz-Target"] = prefix .. entry[1]
      formatted[i] = wrk.format("POST", "/", headers, entry[2])
    end
    -- Spread the threads over the list (thread_index is set by setup() in the main state).
    position = ((thread_index or 0) * 37) % #formatted + 1
  end

  function request()
    local r = formatted[position]
    position = position % #formatted + 1
    return r
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local errs = summary.errors
  local socket_errors = errs.connect + errs.read + errs.write + errs.timeout
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, errs.status, socket_errors))
end
