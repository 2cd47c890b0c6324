-- wrk script for scripts/load-test: every request is one signed-in session's view of one person's page,
-- the sessions and the people taken in turn from the files the load test wrote.
local function lines(path)
  local list = {}
  for line in io.lines(path) do if line ~= "" then list[#list + 1] = line end end
  return list
end

local sessions = lines(os.getenv("MERIT_LOAD_SESSIONS"))
local people = lines(os.getenv("MERIT_LOAD_PEOPLE"))
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end

function init(args)
  n = offset or 0
end

function request()
  n = n + 1
  local cookie = sessions[(n % #sessions) + 1]
  local nip = people[((n * 7) % #people) + 1]
  return wrk.format("GET", "/people/" .. nip, { ["Cookie"] = cookie })
end
