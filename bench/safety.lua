-- wrk script: POST /api/v1/safety/<token> {"answer": "safe"|"needs_help"...} over many
-- one-tap tokens, so that each request is a real answer of another citizen (appended to
-- safety_answers and stored on crisis_people in one transaction).
--
--   TOKENS_FILE=tokens.txt WRK_THREADS=2 \
--     wrk -t2 -c32 -d10s -s bench/safety.lua http://127.0.0.1:18096
--
-- Thread t sends tokens t, t + WRK_THREADS, ... and wraps around (a replay: the latest
-- answer wins, logged again). Every 50th answer is "safe" with a message, never
-- "needs_help": that would open protection cases, a different path.

local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local path = os.getenv("TOKENS_FILE")
  assert(path, "TOKENS_FILE not set")
  tokens = {}
  for line in io.lines(path) do
    if #line > 0 then tokens[#tokens + 1] = line end
  end
  assert(#tokens > 0, "no tokens")
  stride = tonumber(os.getenv("WRK_THREADS") or "2")
  counter = 0
end

function request()
  local k = (id + counter * stride) % #tokens + 1
  counter = counter + 1
  local body = '{"answer":"safe"}'
  if counter % 50 == 0 then body = '{"answer":"safe","message":"Kami sekeluarga aman"}' end
  return wrk.format("POST", "/api/v1/safety/" .. tokens[k],
                    {["Content-Type"] = "application/json"}, body)
end
