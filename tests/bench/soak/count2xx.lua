-- wrk script for the soak: POSTs a small signed JSON body and counts, per thread, the responses
-- that were 2xx (each one a promise that the request is stored) and those that were not; done()
-- adds them up and prints them for run.sh.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
local body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-GitHub-Event"] = "push"
wrk.headers["X-Hub-Signature-256"] = os.getenv("SIGNATURE")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  acknowledged = 0
  refused = 0
end

local pause = tonumber(os.getenv("SOAK_DELAY_MS") or "0")
if pause > 0 then
  function delay()
    return pause
  end
end

function response(status, headers, body)
  if status >= 200 and status <= 299 then
    acknowledged = acknowledged + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("acknowledged")
    bad = bad + thread:get("refused")
  end
  io.write(string.format("soak-acknowledged: %d\nsoak-refused: %d\nsoak-responses: %d\n",
                         ok, bad, summary.requests))
  io.write(string.format("soak-errors: connect %d read %d write %d timeout %d status %d\n",
                         summary.errors.connect, summary.errors.read, summary.errors.write,
                         summary.errors.timeout, summary.errors.status))
end
