package console

// ReadsAsNonString is readsAsNonString, for the tests.
var ReadsAsNonString = readsAsNonString
