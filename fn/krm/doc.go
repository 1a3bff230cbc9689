// Package krm holds the objects of a ResourceList or a manifest stream as
// lazy items: each item is its source text plus, parsed only when something
// asks for it, its node tree. Reading finds where each item starts and ends
// and scans its identity and annotations without a tree; writing copies an
// item's text when that text is what the kpt SDK's encoder would write for
// it (the "canonical" block layout kpt, kustomize and the SDK emit), and
// re-encodes the item through the SDK otherwise, item by item.
//
// Inputs the line splitter does not recognise (JSON, flow style, comments
// between items, anchors shared across items) are parsed whole, as the SDK
// parses them, and go on the same way from there.
package krm
