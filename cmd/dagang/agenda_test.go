package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

func TestAgendaSolveAndPrint(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := newDemoDB(t)
	// Event 4 is the 2019 mission to Kaltim; the demo scheduled its 13
	// approved pairs already, and solving again keeps them all.
	out, err := runCmd(t, ctx, nil, "agenda", "solve", "--db", db, "--event", "4", "--time-limit", "2s", "--iterations", "5000")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "Terjadwal 13 dari 13 pertemuan (0 terkunci); bobot ") {
		t.Errorf("solve printed %q", out)
	}
	pdf := filepath.Join(dir, "agenda.pdf")
	if out, err = runCmd(t, ctx, nil, "agenda", "print", "--db", db, "--event", "4", "--out", pdf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "13 pertemuan, ditulis ke "+pdf) {
		t.Errorf("print printed %q", out)
	}
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("agenda.pdf is not a PDF (%v)", err)
	}

	// Nothing happened yet: a repair from slot 1 changes nothing; a new
	// day from slot 3 on a day without marks changes nothing either.
	out, err = runCmd(t, ctx, nil, "agenda", "repair", "--db", db, "--event", "4", "--dry-run")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "Perbaikan dari sesi 1: 0 pertemuan berubah (0 dipindah, 0 batal), 0 ditambah; bobot ") || !strings.Contains(out, "--dry-run: tidak disimpan") {
		t.Errorf("repair printed %q", out)
	}
	if out, err = runCmd(t, ctx, nil, "agenda", "repair", "--db", db, "--event", "4", "--from", "3", "--json"); err != nil || !strings.Contains(out, `"now": 2`) {
		t.Errorf("repair --json printed %q (%v)", out, err)
	}

	tests := []struct {
		args []string
		code string
		want string
	}{
		{[]string{"agenda", "solve", "--db", db}, "", "--event wajib diisi"},
		{[]string{"agenda", "repair", "--db", db}, "", "--event wajib diisi"},
		{[]string{"agenda", "repair", "--db", db, "--event", "4", "--from", "-1"}, "", "--from harus"},
		{[]string{"agenda", "repair", "--db", db, "--event", "999"}, dagang.ENOTFOUND, "999"},
		{[]string{"agenda", "solve", "--db", db, "--event", "4", "--time-limit", "0s"}, "", "--time-limit harus"},
		{[]string{"agenda", "print", "--db", db, "--event", "4", "--participant", "x"}, "", "bukan id peserta"},
		{[]string{"agenda", "print", "--db", db, "--event", "4", "--participant", "9999", "--out", pdf}, dagang.ENOTFOUND, "peserta 9999 tidak terdaftar"},
		{[]string{"agenda", "solve", "--db", db, "--event", "999"}, dagang.ENOTFOUND, "999"},
		{[]string{"agenda", "plan"}, "", "subperintah tidak dikenal"},
	}
	for _, tt := range tests {
		_, err := runCmd(t, ctx, nil, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want one containing %q", tt.args, err, tt.want)
			continue
		}
		if tt.code != "" && dagang.ErrorCode(err) != tt.code {
			t.Errorf("%v: code %s, want %s", tt.args, dagang.ErrorCode(err), tt.code)
		}
	}
}
