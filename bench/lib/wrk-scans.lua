-- Gate scans for wrk (bench/lib/wrk.ts writes SCAN_FILE and sets the variables below).
-- SCAN_FILE: first line the number of gates G, then G lines "<device id> <staff token>", then one
-- pass code per line. Request n goes to gate n mod G with code n mod C, "in" on the first pass
-- through the codes, "out" on the second, and so on; its nonce is NONCE_PREFIX .. n, so every
-- scan is new to the server. Each of WRK_THREADS threads takes every WRK_THREADS-th n.
local codes, gates = {}, {}
local nthreads = tonumber(os.getenv("WRK_THREADS"))
local prefix = os.getenv("NONCE_PREFIX")
local next_tid = 0
local n = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
end

function init(args)
  local f = assert(io.open(os.getenv("SCAN_FILE")))
  local g = tonumber(f:read("*l"))
  for i = 1, g do
    local id, token = f:read("*l"):match("(%S+) (%S+)")
    gates[i] = {
      path = "/api/checkin/devices/" .. id .. "/scans",
      headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token },
    }
  end
  for line in f:lines() do codes[#codes + 1] = line end
  f:close()
  n = tonumber(tid)
end

function request()
  local k = n
  n = n + nthreads
  local gate = gates[(k % #gates) + 1]
  local direction = (math.floor(k / #codes) % 2 == 1) and "out" or "in"
  local body = '{"code":"' .. codes[(k % #codes) + 1] .. '","nonce":"' .. prefix .. k .. '","direction":"' .. direction .. '"}'
  return wrk.format("POST", gate.path, gate.headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"non2xx":%d,"socketErrors":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
