-- wrk script: PUT 1 KiB bodies (bytes 0..255 repeated, as bench/Tool sends).
--   wrk -s bench/put.lua URL                    PUT to URL's own path (the bare Kestrel baseline's /file)
--   wrk -s bench/put.lua URL -- USERS [OFFSET]  each request goes to the next user of the file USERS (lines
--                                               "host cookie"), at /pub/bench/put/<k mod 64>: every user overwrites a
--                                               fixed set of paths. Two requests may overwrite one path at once, which
--                                               the homeserver must (and does) serialise.
-- Each thread, and each wrk process given another OFFSET (one per gateway), starts at another point of the sequence.

local chars = {}
for i = 0, 1023 do chars[#chars + 1] = string.char(i % 256) end
local body = table.concat(chars)

local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local users = {}
local n = 0
function init(args)
  local file = args[1]
  if file then
    for line in io.lines(file) do
      local host, cookie = line:match("^(%S+)%s+(%S+)$")
      if host then users[#users + 1] = { host = host, cookie = cookie } end
    end
    if #users == 0 then error("no users in " .. file) end
  end
  n = ((id or 0) + 2 * tonumber(args[2] or "0")) * 16
end

function request()
  n = n + 1
  if #users == 0 then
    return wrk.format("PUT", nil, nil, body)
  end
  local user = users[(n % #users) + 1]
  local path = "/pub/bench/put/" .. (math.floor(n / #users) % 64)
  return wrk.format("PUT", path, { ["pubky-host"] = user.host, ["Cookie"] = user.cookie }, body)
end
