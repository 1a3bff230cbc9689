package yamlenc

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// Digest describes a digest of part of a document, written as one of its
// annotations (at its place in key order): the SHA-256, cut to 16 hex
// digits, of the JSON of the top-level member Of, without the entries
// (at any depth) whose keys Skip names. encoding/json writes a typed object
// the same way every time, so equal content gives an equal digest.
//
// A value under a key Unordered names is free-form JSON whose member order
// no Go type fixes (a runtime.RawExtension): read back from YAML it comes
// with its keys in another order. Such a value is hashed with its members
// sorted by key at every depth (encoding/json escapes a string the same
// way whichever map or type it came from, so strings are hashed as they
// are, and a value already in key order hashes as without the option).
type Digest struct {
	Key       string
	Of        string
	Skip      func(key string) bool
	Unordered func(key string) bool
}

// JSONDigest computes a Digest's value for the JSON object js.
func JSONDigest(js []byte, d Digest) (string, error) {
	toks, err := tokenize(js)
	if err != nil {
		return "", err
	}
	return digestTokens(js, toks, d)
}

func digestTokens(js []byte, toks []token, d Digest) (string, error) {
	h := sha256.New()
	if toks[0].kind == tokObject {
		for k, n := 1, 0; n < toks[0].count; n++ {
			key, err := unquote(js[toks[k].start:toks[k].end])
			if err != nil {
				return "", err
			}
			if key == d.Of {
				if err := hashValue(h, js, toks, k+1, d, false); err != nil {
					return "", err
				}
			}
			k = toks[k+1].next
		}
	}
	sum := h.Sum(nil)
	return hex.EncodeToString(sum[:8]), nil
}

type writer interface{ Write([]byte) (int, error) }

// hashValue feeds the JSON of toks[i] to h, leaving out skipped entries;
// sorted (an Unordered value and everything in it) feeds object members in
// key order, and skips nothing.
func hashValue(h writer, js []byte, toks []token, i int, d Digest, sorted bool) error {
	t := toks[i]
	switch t.kind {
	case tokObject:
		var buf [16]member // most objects: no allocation
		members, err := appendMembers(buf[:0], js, toks, i, sorted)
		if err != nil {
			return err
		}
		_, _ = h.Write([]byte{'{'})
		for _, m := range members {
			if !sorted && d.Skip != nil && d.Skip(m.key) {
				continue
			}
			_, _ = h.Write(js[toks[m.keyToken].start:toks[m.keyToken].end])
			_, _ = h.Write([]byte{':'})
			if err := hashValue(h, js, toks, m.keyToken+1, d, sorted || d.Unordered != nil && d.Unordered(m.key)); err != nil {
				return err
			}
			_, _ = h.Write([]byte{','})
		}
		_, _ = h.Write([]byte{'}'})
	case tokArray:
		_, _ = h.Write([]byte{'['})
		for k := i + 1; k < t.next; k = toks[k].next {
			if err := hashValue(h, js, toks, k, d, sorted); err != nil {
				return err
			}
			_, _ = h.Write([]byte{','})
		}
		_, _ = h.Write([]byte{']'})
	default:
		_, _ = h.Write(js[t.start:t.end])
	}
	return nil
}

// member is an object member: its key and the token of its key (the value
// is the next token).
type member struct {
	key      string
	keyToken int
}

// appendMembers appends the members of the object toks[i], in document
// order or sorted by key.
func appendMembers(members []member, js []byte, toks []token, i int, sorted bool) ([]member, error) {
	for k, n := i+1, 0; n < toks[i].count; n++ {
		key, err := unquote(js[toks[k].start:toks[k].end])
		if err != nil {
			return nil, err
		}
		members = append(members, member{key, k})
		k = toks[k+1].next
	}
	if sorted {
		slices.SortFunc(members, func(a, b member) int { return strings.Compare(a.key, b.key) })
	}
	return members, nil
}
