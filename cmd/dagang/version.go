package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"regexp"
	"runtime/debug"
	"strconv"

	"github.com/dagang/dagang/internal/locale"
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
//
// The flags' help texts are written in Indonesian and shown in the
// language of the command line through the catalogue (internal/locale);
// the flag package's own English ("default", "flag provided but not
// defined") never reaches the terminal.
func newFlagSet(name, usage string, e env) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), e: e}
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		w := e.stderr
		fmt.Fprintln(w, e.say("cli.usage", usage))
		fmt.Fprintln(w, "\n"+e.say("cli.options"))
		fs.VisitAll(func(f *flag.Flag) {
			kind, help := flag.UnquoteUsage(f)
			line := "  --" + f.Name
			if kind != "" {
				line += " " + kind
			}
			help = locale.T(e.lang, help)
			if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
				help += " " + e.say("cli.flag.default", f.DefValue)
			}
			fmt.Fprintf(w, "%s\n    \t%s\n", line, help)
		})
	}
	return fs
}

// flagSet is a command's flags with the environment whose language its
// help and errors are written in.
type flagSet struct {
	*flag.FlagSet
	e env
}

// Errors of the flag package, to say again in the catalogue's words.
var (
	flagUnknown = regexp.MustCompile(`^flag provided but not defined: (-+\S+)$`)
	flagInvalid = regexp.MustCompile(`^invalid (?:boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?(-+\S+): `)
	flagNeeds   = regexp.MustCompile(`^flag needs an argument: (-+\S+)$`)
	flagSyntax  = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

// parseFlags parses args, turning a bad flag into a usageError and --help
// into errHelp, which run treats as success.
func parseFlags(fs *flagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil {
		return nil
	}
	if err == flag.ErrHelp {
		return errHelp
	}
	e, msg := fs.e, err.Error()
	switch {
	case flagUnknown.MatchString(msg):
		return e.usage("cli.flag.unknown", flagUnknown.FindStringSubmatch(msg)[1])
	case flagInvalid.MatchString(msg):
		m := flagInvalid.FindStringSubmatch(msg)
		v, _ := strconv.Unquote(m[1])
		return e.usage("cli.flag.invalid", v, m[2])
	case flagNeeds.MatchString(msg):
		return e.usage("cli.flag.needs_value", flagNeeds.FindStringSubmatch(msg)[1])
	case flagSyntax.MatchString(msg):
		return e.usage("cli.flag.syntax", flagSyntax.FindStringSubmatch(msg)[1])
	}
	return usageError{msg}
}
