# Used by scripts/apply-test: does every object the API server holds (the List given as input) hold
# what the program declared for it ($export: `pulumi stack export --show-secrets`, the inputs Pulumi
# sent)? Prints one line per object that does not, and fails; prints the object count otherwise.

# sub($want): the input holds everything $want holds: equal scalars, every key of an object, arrays
# item by item. The API server may add defaults; it must not change or drop what was asked for.
def sub($want):
  . as $have
  | if ($want | type) == "object" then
      ($have | type) == "object"
        and all($want | to_entries[]; . as $e | ($have | has($e.key)) and ($have[$e.key] | sub($e.value)))
    elif ($want | type) == "array" then
      ($have | type) == "array" and ($have | length) == ($want | length)
        and all(range(0; $want | length); . as $i | $have[$i] | sub($want[$i]))
    else $have == $want end;

# unsecret: Pulumi's secret envelopes (as `--show-secrets` writes them) replaced by their values.
def unsecret:
  walk(if type == "object" and has("4dabf18193072939515e22adb298388d") then .plaintext | fromjson else . end);

.items as $live
| [$export[0].deployment.resources[] | select(.custom and (.type | startswith("kubernetes:"))) | .inputs | unsecret]
  as $declared
| [$declared[] | . as $in
   | [$live[] | select(.kind == $in.kind and .metadata.name == $in.metadata.name
                       and .metadata.namespace == $in.metadata.namespace)] as $found
   | if ($found | length) != 1 then "\($in.kind) \($in.metadata.name): \($found | length) objects in the cluster"
     elif ($found[0] | sub($in | del(.metadata, .apiVersion))) | not then "\($in.kind) \($in.metadata.name): differs from what the program declared"
     elif ($found[0].metadata.labels // {} | sub($in.metadata.labels // {})) | not then "\($in.kind) \($in.metadata.name): labels differ"
     elif ($found[0].metadata.annotations // {} | sub($in.metadata.annotations // {})) | not then "\($in.kind) \($in.metadata.name): annotations differ"
     else empty end] as $wrong
| if $wrong == [] then "\($declared | length) objects" else error($wrong | join("\n")) end
