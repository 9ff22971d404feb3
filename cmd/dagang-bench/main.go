// Command dagang-bench runs the benchmarks developers quote in
// docs/BENCHMARKS.md: the deal report, Excel export and import on generated
// data, and the meeting scheduler on the published B2B instances and the
// trade-office class. It is not part of the product binary: an office never
// needs it, and it reads process statistics that differ between platforms.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// errUsage marks a mistake in how the command was called (exit status 2).
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "dagang-bench:", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, `Usage: dagang-bench <benchmark> [flags]

  deals      deal report, Excel export and import on generated deals (1,000,000 by default)
  national   one deployment for the whole country: 38 offices × 100,000 deals on PostgreSQL
  schedule   meeting scheduler on the published B2B instances and the trade-office class

'dagang-bench <benchmark> --help' lists the flags of each.
`)
		return nil
	}
	var err error
	switch args[0] {
	case "deals":
		err = benchDeals(ctx, stdout, stderr, args[1:])
	case "national":
		err = benchNational(ctx, stdout, stderr, args[1:])
	case "schedule":
		err = benchSchedule(ctx, stdout, stderr, args[1:])
	case "xlsx": // the child process of one Excel measurement
		err = benchXLSX(ctx, stdout, stderr, args[1:])
	default:
		return fmt.Errorf("%w: unknown benchmark %q (deals, national, schedule)", errUsage, args[0])
	}
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, which must all be flags. It returns errHelp for
// --help, which the caller turns into success.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: %s takes no arguments, got %q", errUsage, fs.Name(), fs.Args())
	}
	return nil
}

// errHelp is returned by parseFlags when --help was asked for.
var errHelp = errors.New("help requested")
