package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/web"
)

// An import sent to one server instance is a row of the jobs table: the
// runner of another instance on the same database imports it, and either
// instance answers its status. An Idempotency-Key makes a re-sent upload
// the same job.
func TestImportJobAcrossInstances(t *testing.T) {
	e := newDemoEnv(t, nil) // instance A, with the job runner
	// Instance B: the same database, no runner of its own.
	b, err := web.New(web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, e.db)
	if err != nil {
		t.Fatal(err)
	}
	srvB := httptest.NewServer(b)
	defer srvB.Close()
	staffB := login(t, srvB, dagang.UserStaff)
	staffA := login(t, e.srv, dagang.UserStaff)

	file := "nama,provinsi,jenis\nPT Lintas Instans,64,buyer\n"
	send := func() string {
		req, _ := http.NewRequest("POST", srvB.URL+"/api/v1/imports?kind=buyers&name=lintas.csv", strings.NewReader(file))
		req.Header.Set("Content-Type", "application/octet-stream")
		req.Header.Set("Idempotency-Key", "lintas-1")
		res, err := staffB.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusAccepted {
			t.Fatalf("upload: %d %s", res.StatusCode, out)
		}
		return string(out)
	}
	first := send()
	id := between(first, `"id":`, ",")
	if again := send(); between(again, `"id":`, ",") != id {
		t.Errorf("re-sent upload made another job: %s, then %s", first, again)
	}
	for _, c := range []struct {
		name string
		cl   *http.Client
		base string
	}{{"B", staffB, srvB.URL}, {"A", staffA, e.srv.URL}} {
		got := poll(t, c.cl, c.base, id)
		if got["status"] != "done" || got["rows"] != float64(1) || got["file"] != "lintas.csv" {
			t.Errorf("instance %s: %v", c.name, got)
		}
	}
	os, _, err := e.db.FindOrganisations(t.Context(), dagang.OrganisationFilter{OfficeID: e.story.Office.ID, ListOptions: dagang.ListOptions{Query: "Lintas Instans"}})
	if err != nil || len(os) != 1 {
		t.Errorf("imported buyers: %v %v", os, err)
	}
}

// between returns the text of s after the first from, up to sep.
func between(s, from, sep string) string {
	_, after, _ := strings.Cut(strings.Join(strings.Fields(s), ""), from)
	v, _, _ := strings.Cut(after, sep)
	return v
}
