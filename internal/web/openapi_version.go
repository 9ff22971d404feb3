package web

import (
	"fmt"
	"net/http"
	"reflect"
	"strings"
)

// The OpenAPI side of versions (version.go): records answer an ETag, and
// the changes that honour If-Match say so and document their 412.

// versionedRecords are the API paths of records that carry a version.
var versionedRecords = []string{"/api/v1/deals/", "/api/v1/businesses/", "/api/v1/organisations/", "/api/v1/listings/", "/api/v1/declarations/",
	"/api/v1/agreements/", "/api/v1/targets/", "/api/v1/events/", "/api/v1/participations/", "/api/v1/meeting-requests/", "/api/v1/users/", "/api/v1/registrations/"}

// ifMatchStateChanges are the POSTs that change a record's state and
// honour If-Match like PATCH and DELETE.
var ifMatchStateChanges = map[string]bool{
	"/api/v1/deals/{id}/stage": true, "/api/v1/deals/{id}/answer": true, "/api/v1/deals/{id}/partner-review": true, "/api/v1/agreements/{id}/stage": true, "/api/v1/agreements/{id}/sign": true, "/api/v1/events/{id}/status": true,
	"/api/v1/registrations/{id}/decision": true,
}

// honoursIfMatch reports whether the operation takes If-Match.
func honoursIfMatch(method, pattern string) bool {
	switch method {
	case http.MethodPatch, http.MethodDelete:
		if !strings.HasSuffix(pattern, "/{id}") {
			return false
		}
		for _, p := range versionedRecords {
			if strings.HasPrefix(pattern, p) && strings.Count(pattern[len(p):], "/") == 0 {
				return true
			}
		}
	case http.MethodPost:
		return ifMatchStateChanges[pattern]
	}
	return false
}

// documentVersions adds If-Match, its 412 and the ETag of the answer to an
// operation's parameters and responses.
func documentVersions(method, pattern string, resp any, status int, params []any, responses map[string]any, errSchema map[string]any) []any {
	if t := reflect.TypeOf(resp); t != nil && t.Kind() == reflect.Struct && status != http.StatusNoContent {
		if f, ok := t.FieldByName("Version"); ok && f.Type.Kind() == reflect.Int64 {
			responses[fmt.Sprint(status)].(map[string]any)["headers"] = map[string]any{"ETag": map[string]any{
				"description": `versi data dalam tanda kutip ("3"); kirim kembali sebagai If-Match saat mengubah`,
				"schema":      map[string]any{"type": "string"}}}
		}
	}
	if !honoursIfMatch(method, pattern) {
		return params
	}
	responses["412"] = map[string]any{
		"description": "Data sudah diubah orang lain sejak versi If-Match; current berisi data sekarang",
		"headers":     map[string]any{"ETag": map[string]any{"description": "versi data sekarang", "schema": map[string]any{"type": "string"}}},
		"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{
			"type": "object", "required": []string{"error"},
			"properties": map[string]any{"error": errSchema["properties"].(map[string]any)["error"], "current": map[string]any{"type": "object"}},
		}}},
	}
	return append(params, map[string]any{"name": "If-Match", "in": "header", "required": false, "schema": map[string]any{"type": "string"},
		"description": `versi yang dibaca ("3", dari ETag) atau *; tanpa header perubahan berlaku dari versi mana pun`})
}
