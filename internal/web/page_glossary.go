package web

import (
	"net/http"
)

// term is one entry of the glossary, in both languages; ID is its anchor.
type term struct {
	ID             string
	Term, TermEN   string
	Means, MeansEN string
}

// glossary explains the words of the trade office that its pages use,
// in the order a new member of staff meets them.
var glossary = []term{
	{"mitra", "Provinsi mitra", "Partner province",
		"Provinsi yang bekerja sama dagang dengan daerah kita, dengan kerja sama yang bertahap: potensi, penjajakan, ditandatangani, aktif, berakhir.",
		"A province that trades with ours under a cooperation that moves through stages: potential, exploring, signed, active, expired."},
	{"komplementaritas", "Komplementaritas", "Complementarity",
		"Seberapa cocok yang dihasilkan satu provinsi dengan yang dibutuhkan provinsi lain, dua arah (yang bisa kita jual ke sana dan yang bisa kita beli dari sana). Dasar peringkat calon mitra.",
		"How well what one province produces fits what another needs, both ways (what we can sell there and what we can buy there). The basis of the ranking of candidate partners."},
	{"tahap-pengolahan", "Tahap pengolahan", "Processing stage",
		"Bahan mentah (jagung pipilan), setengah jadi (kayu manis kering, arang) atau barang jadi (kerajinan). Barang yang lebih jadi memberi nilai tambah lebih besar bagi daerah.",
		"Raw material (shelled corn), semi-finished (dried cinnamon, charcoal) or finished good (handicrafts). More finished goods add more value to the region."},
	{"kode-hs", "Kode HS", "HS code",
		"Kode barang internasional (Harmonized System) yang dipakai statistik perdagangan untuk setiap komoditas.",
		"The international goods code (Harmonized System) that trade statistics use for each commodity."},
	{"pelaku-usaha", "Pelaku usaha", "Business",
		"Usaha di daerah kita, kebanyakan UMKM, dengan skala mikro, kecil, menengah atau besar, produk dan kapasitas produksi bulanannya. NIB adalah Nomor Induk Berusaha-nya.",
		"A business of our region, mostly micro, small and medium enterprises (UMKM), with its size class, products and monthly capacity. The NIB is its business registration number."},
	{"organisasi-mitra", "Organisasi mitra", "Partner organisation",
		"Pembeli, asosiasi atau instansi pemerintah di provinsi mitra; pihak lawan dalam temu bisnis dan transaksi.",
		"A buyer, association or government body in a partner province; the other party in business meetings and deals."},
	{"temu-bisnis", "Temu bisnis", "Business matching",
		"Pertemuan satu lawan satu antara pelaku usaha daerah kita dan pembeli dari provinsi mitra, dijadwalkan per sesi dan meja.",
		"One-to-one meetings between businesses of our region and buyers from a partner province, scheduled by slot and table."},
	{"misi-dagang", "Misi dagang", "Trade mission",
		"Kunjungan dinas bersama pelaku usaha ke provinsi mitra, biasanya dengan temu bisnis dan pameran.",
		"A visit of the office with businesses to a partner province, usually with business matching and a fair."},
	{"delegasi", "Delegasi", "Delegation",
		"Pelaku usaha yang dibawa dinas ke satu kegiatan, dipilih dari yang mendaftar: biasanya 6 untuk temu bisnis dan 3 untuk pameran.",
		"The businesses the office brings to one event, chosen from those who applied: usually 6 for business matching and 3 exhibitors."},
	{"syarat", "Syarat pendaftaran", "Conditions of an application",
		"Profil usaha lengkap (kabupaten/kota, skala usaha, produk), produk yang dibutuhkan provinsi tujuan, dan kapasitas produksi bulanan untuk produk itu.",
		"A complete business profile (regency, size class, products), a product the destination needs, and the monthly capacity for that product."},
	{"rotasi", "Rotasi", "Rotation",
		"Pelaku usaha yang sudah ikut dalam beberapa tahun terakhir tidak diikutkan lagi (atau dikurangi skornya), supaya setiap tahun lebih banyak pelaku usaha mendapat kesempatan.",
		"Businesses that took part in recent years are left out (or scored lower), so that every year more businesses get their turn."},
	{"keputusan-staf", "Keputusan staf", "Staff decision",
		"Staf menambahkan atau mengeluarkan pelamar dari usulan delegasi, dengan alasan yang dicatat bersama nama petugas dan waktunya.",
		"Staff add an applicant to or remove one from the proposed delegation, with a reason recorded with their name and the time."},
	{"kunci", "Pertemuan terkunci", "Locked meeting",
		"Pertemuan yang sesi dan mejanya ditetapkan staf; saat jadwal disusun ulang, pertemuan ini tidak dipindahkan.",
		"A meeting whose slot and table staff fixed; when the schedule is made again, it stays where it is."},
	{"tahap-transaksi", "Tahap transaksi", "Deal stage",
		"Indikasi (minat yang disebut saat kegiatan), surat minat (LoI), kontrak, lalu terealisasi (barang terkirim dan dibayar).",
		"Indication (interest stated at the event), letter of intent (LoI), contract, then realised (goods delivered and paid)."},
	{"diumumkan", "Diumumkan, dikonfirmasi, terealisasi", "Announced, confirmed, realised",
		"Nilai transaksi yang diumumkan saat kegiatan; bagian yang dibenarkan mitra; dan bagian yang benar-benar terbayar menurut laporan tindak lanjut.",
		"The value of deals announced at the event; the part the partner confirmed; and the part really paid according to the follow-up reports."},
	{"konfirmasi", "Konfirmasi mitra", "Partner confirmation",
		"Mitra membenarkan atau menolak transaksi yang dicatat bersamanya, dari akunnya atau lewat tautan sekali pakai yang dikirim dinas.",
		"The partner confirms or rejects a deal recorded with it, from its account or through a single-use link the office sends."},
	{"tindak-lanjut", "Tindak lanjut (realisasi)", "Follow-up (realisation)",
		"Laporan sesudah kegiatan tentang volume yang sudah terkirim dan nilai yang sudah terbayar dari satu transaksi, sampai tanggal laporan.",
		"A report after the event of the volume delivered and the value paid of one deal, up to the report's date."},
	{"jangkauan", "Jangkauan pelaku usaha", "Businesses reached",
		"Jumlah pelaku usaha berbeda yang pernah ikut kegiatan dinas; setiap pelaku usaha dihitung sekali walaupun ikut berkali-kali.",
		"The number of different businesses that have taken part in the office's events; each counts once however often it went."},
	{"duplikat", "Kemungkinan duplikat", "Likely duplicate",
		"Transaksi atau kegiatan yang sangat mirip dengan yang sudah tercatat; disimpan hanya bila staf memeriksa dan memilih tetap simpan.",
		"A deal or event very like one already recorded; it is saved only when staff check it and choose to save it anyway."},
	{"contoh", "Data contoh", "Sample data",
		"Angka yang tidak disebut sumbernya (misalnya pembagian Rp119 miliar ke tiga kegiatan, nama pelaku usaha) ditandai contoh.",
		"Figures the source does not give (such as how Rp119 billion splits over three events, the businesses' names) are marked as sample."},
}

func (s *Server) handleGlossary(w http.ResponseWriter, r *http.Request) error {
	s.renderPage(w, r, http.StatusOK, "glossary", glossary)
	return nil
}
