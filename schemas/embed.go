// Package schemas holds the generated schemas of the ServiceSpec API.
package schemas

import _ "embed"

// JSONSchema is the JSON Schema of ServiceSpec (servicespec.schema.json).
//
//go:embed servicespec.schema.json
var JSONSchema []byte
