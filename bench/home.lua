-- wrk script: GET /beranda (the citizen's home page) as many signed-in citizens, rotating
-- over their session cookies.
--
--   TOKENS_FILE=tokens.txt WRK_THREADS=2 \
--     wrk -t2 -c64 -d10s -s bench/home.lua http://127.0.0.1:18080/beranda
--
-- TOKENS_FILE holds one session token a line (peduli-gen --accounts --tokens-out).

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
  return wrk.format("GET", nil, {["Cookie"] = "pw_session=" .. tokens[k]})
end
