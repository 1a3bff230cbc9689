// Package function is the servicespec KRM function: it finds the
// ServiceSpecs in a ResourceList, validates all of them, and replaces the
// objects it generated before with a fresh render. On any error it returns
// the input items unchanged.
package function
