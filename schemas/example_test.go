package schemas_test

import (
	"encoding/json"
	"fmt"

	"github.com/servicespec/servicespec/schemas"
)

// The JSON Schemas are embedded: servicespec schema prints them, and
// editors read them through the yaml-language-server modeline.
func Example() {
	var s struct {
		Title      string         `json:"title"`
		Properties map[string]any `json:"properties"`
	}
	if err := json.Unmarshal(schemas.JSONSchema, &s); err != nil {
		panic(err)
	}
	_, hasSpec := s.Properties["spec"]
	fmt.Println(hasSpec)
	// Output:
	// true
}
