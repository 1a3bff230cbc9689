// Package typedjson encodes Go values to JSON, and fills them from
// JSON-like data, as encoding/json does, building each type's table the
// first time a value of that type is met.
//
// encoding/json builds, on the first use of a struct type, the encoders of
// every type reachable from it: for a Deployment that is the whole pod
// spec (every volume source, every probe, affinity...), about a
// millisecond, paid by every run of a function that renders one service.
// Here a type's table holds only its own fields; a field's type gets its
// table when a value of it is written. What this package does not handle
// the same way (a ",string" option, text marshalers, map keys that are not
// strings, an error) is handed to encoding/json, so the result is always
// encoding/json's.
package typedjson
