// Command noop does nothing: the smallest static image bench/start.sh
// compares servicespec's image with is this binary on an empty (scratch)
// root filesystem.
package main

func main() {}
