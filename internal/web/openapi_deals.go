package web

import (
	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/report"
)

// The OpenAPI entries of the deal routes (api_deals.go, page_laporan.go).

// stageBody, answerDoc, linkBody and realisationBody are the documented
// shapes of the small request bodies.
type stageBody struct {
	Stage dagang.DealStage `json:"stage"`
	Note  string           `json:"note"`
}

type linkBody struct {
	Days int `json:"days"`
}

type linkAnswer struct {
	DealID    int64  `json:"deal_id"`
	Path      string `json:"path"`
	Token     string `json:"token"`
	ExpiresAt string `json:"expires_at"`
}

type realisationBody struct {
	dagang.Realisation
	PaidText string `json:"paid_text,omitempty"`
}

func init() {
	for k, v := range map[string]apiOp{
		"POST /api/v1/deals":                   {Summary: "Catat transaksi; kemungkinan duplikat ditolak (409) kecuali force=true; nilai sebagai value_idr (rupiah bulat) atau value_text (\"Rp1,5 miliar\")", Body: dealBody{}, Resp: dagang.Deal{}, Status: 201},
		"PATCH /api/v1/deals/{id}":             {Summary: "Ubah transaksi (kolom yang dikirim); perubahan pihak, komoditas, volume atau nilai mengembalikan konfirmasi ke menunggu", Body: dealBody{}, Resp: dagang.Deal{}},
		"DELETE /api/v1/deals/{id}":            {Summary: "Hapus transaksi beserta realisasinya", Status: 204},
		"POST /api/v1/deals/{id}/stage":        {Summary: "Pindahkan tahap transaksi", Body: stageBody{}, Resp: dagang.Deal{}},
		"POST /api/v1/deals/{id}/answer":       {Summary: "Jawaban mitra dari akunnya sendiri: confirmed atau rejected", Body: answerBody{}, Resp: dagang.Deal{}},
		"POST /api/v1/deals/{id}/confirm-link": {Summary: "Tautan konfirmasi sekali pakai untuk mitra (1–90 hari)", Body: linkBody{}, Resp: linkAnswer{}, Status: 201},
		"POST /api/v1/deals/{id}/realisations": {Summary: "Catat tindak lanjut: volume terkirim dan nilai terbayar sampai tanggal laporan", Body: realisationBody{}, Resp: dagang.Realisation{}, Status: 201},
		"GET /api/v1/followups":                {Summary: "Tindak lanjut yang terlambat atau jatuh tempo sampai due_before", Query: []string{"due_before", "limit"}, Resp: listOf[dagang.FollowUp]()},
		"GET /api/v1/reports/deals":            {Summary: "Laporan transaksi: diumumkan, dikonfirmasi, terealisasi per arah, tahap, kegiatan, mitra, komoditas, tahun; arus antarprovinsi", Query: []string{"year"}, Resp: report.Deals{}},
		"GET /api/v1/imports/template":         {Summary: "Templat impor (Excel atau CSV)", Query: []string{"kind", "format"}, Produces: []string{xlsxType, "text/csv"}},
		"POST /api/v1/imports":                 {Summary: "Unggah berkas impor (isi permintaan = berkas); 202 dengan pekerjaan yang berjalan", Query: []string{"kind", "name", "update", "force"}, Status: 202},
		"GET /api/v1/imports/{id}":             {Summary: "Kemajuan dan hasil satu impor"},
	} {
		apiDocs[k] = v
	}
}
