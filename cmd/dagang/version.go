package main

import (
	"context"
	"flag"
	"fmt"
	"runtime/debug"
)

func cmdVersion(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("version", "dagang version", e)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "dagang", version())
	return nil
}

// version returns the module version the binary was built from.
func version() string {
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	return v
}

// newFlagSet returns a flag set that reports errors instead of exiting and
// prints its usage to stdout when --help is asked for.
func newFlagSet(name, usage string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Pemakaian / usage: %s\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning a bad flag into a usageError and --help
// into errHelp, which run treats as success.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return errHelp
		}
		return usageError{err.Error()}
	}
	return nil
}
