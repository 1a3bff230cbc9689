// Package yamlenc writes a JSON document (what encoding/json makes of a
// k8s.io/api object) as the block YAML that the kpt SDK's encoder (yaml.v3
// with an indent of 2 and compact sequences, as kyaml configures it) writes
// for the same data, byte for byte, without building a node tree.
//
// The SDK's own encoding is the oracle: the tests compare the two on every
// generated object and on random strings. What this package cannot write
// exactly (a mapping key longer than 128 bytes, which yaml.v3 writes as a
// complex "? key" entry, and a few rare characters) is reported as
// ErrUnsupported, and the caller encodes that object through the SDK.
package yamlenc
