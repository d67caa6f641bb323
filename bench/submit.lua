-- wrk script: PUT /api/v1/me/lapor-diri as many different signed-in citizens, so that each
-- request is a real write (the first for an account creates its record, later ones update it).
--
--   TOKENS_FILE=tokens.txt BODIES_FILE=bodies.jsonl WRK_THREADS=2 \
--     wrk -t2 -c64 -d10s -s bench/submit.lua http://127.0.0.1:18080/api/v1/me/lapor-diri
--
-- Line k of TOKENS_FILE is a bearer token of an account and line k of BODIES_FILE the Lapor
-- Diri JSON of a person nobody else registers (both written by peduli-gen --accounts).
-- Thread t sends accounts t, t + WRK_THREADS, t + 2*WRK_THREADS, ... and wraps around.

local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

local function lines(path)
  local out = {}
  for line in io.lines(path) do
    if #line > 0 then out[#out + 1] = line end
  end
  return out
end

function init(args)
  local tokens_file, bodies_file = os.getenv("TOKENS_FILE"), os.getenv("BODIES_FILE")
  assert(tokens_file and bodies_file, "TOKENS_FILE or BODIES_FILE not set")
  tokens = lines(tokens_file)
  bodies = lines(bodies_file)
  assert(#tokens > 0 and #tokens == #bodies, "tokens and bodies differ in number")
  stride = tonumber(os.getenv("WRK_THREADS") or "2")
  counter = 0
end

function request()
  local k = (id + counter * stride) % #tokens + 1
  counter = counter + 1
  return wrk.format("PUT", nil, {
    ["Authorization"] = "Bearer " .. tokens[k],
    ["Content-Type"] = "application/json",
  }, bodies[k])
end
