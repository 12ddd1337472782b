-- wrk script: POST the 1 KiB signed JSON body from $BODY_FILE with the signature in $SIGNATURE.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
local body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-GitHub-Event"] = "push"
wrk.headers["X-Hub-Signature-256"] = os.getenv("SIGNATURE")

local non2xx = 0
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  io.stderr:write(string.format("non-2xx: %d\n", non2xx))
end
