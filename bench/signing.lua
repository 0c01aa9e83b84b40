-- wrk script of bench/ops: POST /v1/environments/{id}/signings with a JSON body naming the key,
-- the algorithm and the message (standard base64). The Authorization header comes from wrk -H.
--
--   wrk … -s bench/signing.lua <base>/v1/environments/<env>/signings -- <keyId> <algorithm> <base64>
--
-- wrk loads the script once per thread and calls init(args) with what follows `--`, before it
-- formats the request that every connection of the thread then repeats.
function init(args)
    if #args ~= 3 then
        error("bench/signing.lua: expected <keyId> <algorithm> <plainText in base64> after --")
    end
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.body = string.format('{"key":{"id":"%s"},"algorithm":"%s","plainText":"%s"}', args[1], args[2], args[3])
end
