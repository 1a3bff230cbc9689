// Package krm holds the objects of a ResourceList or a manifest stream as
// lazy items: each item is its source text plus, parsed only when something
// asks for it, its node tree. Reading finds where each item starts and ends
// and checks its text against the canonical grammar (grammar.go: the block
// layout kpt, kustomize and the SDK's encoder emit and write back byte for
// byte), reading its identity and annotations on the way; the one parser of
// that grammar (parser.go) also builds an item's data and finds its
// annotations for edits and comparisons, without a tree. Writing copies a
// canonical item's text and re-encodes any other item through the SDK,
// item by item.
//
// Inputs outside the grammar (JSON, flow style, comments between items,
// anchors shared across items) are parsed whole, as the SDK parses them,
// and go on the same way from there.
package krm
