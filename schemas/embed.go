// Package schemas holds the generated schemas of the ServiceSpec and AppSpec API.
package schemas

import _ "embed"

// JSONSchema is the JSON Schema of ServiceSpec (servicespec.schema.json).
//
//go:embed servicespec.schema.json
var JSONSchema []byte

// AppJSONSchema is the JSON Schema of AppSpec (appspec.schema.json).
//
//go:embed appspec.schema.json
var AppJSONSchema []byte
