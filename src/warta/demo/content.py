"""The demo newsroom: the seed article of a real portal and every article its page names.

The seed article is a republished wire story (interfax.ru) as an Indonesian portal printed
it. Its neighbours carry only their real titles, dates and sections; their bodies are short
original texts marked as demo content.
"""

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")
DEMO_NOTE = "Konten demo Warta: artikel ini hanya contoh untuk mencoba situs."

REPORTERS = {
    "m": ("Muhammad Rizki", "Reporter desk internasional. (Tokoh demo.)"),
    "ci": ("Cut Indah", "Redaktur desk internasional. (Tokoh demo.)"),
    "ra": ("Rahmat Aulia", "Reporter desk daerah. (Tokoh demo.)"),
}


@dataclass
class DemoArticle:
    title: str
    slug: str
    section: str
    published: datetime
    paragraphs: list
    lead: str = ""
    dateline: str = ""
    tags: list = field(default_factory=list)
    caption: str = ""
    credit: str = ""
    reporter: str = "ra"
    editor: str = "ci"
    source: str = ""
    original_url: str = ""
    # Body layout: paragraph texts, ("image", caption) and ("baca_juga", slug) items.
    body: list = field(default_factory=list)


def wib(year, month, day, hour, minute):
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


SEED = DemoArticle(
    title="Putin menyebut Taliban sekutu Rusia dalam perang melawan terorisme",
    slug="putin-menyebut-taliban-sekutu-rusia-dalam-perang-melawan-terorisme",
    section="Internasional",
    published=wib(2024, 7, 4, 21, 53),
    dateline="Astana",
    lead=(
        "Presiden Rusia Vladimir Putin menyebut gerakan Taliban yang menguasai Afghanistan "
        "sebagai sekutu Rusia dalam perang melawan terorisme."
    ),
    tags=["Taliban", "Vladimir Putin", "Afghanistan", "Terorisme"],
    caption="Menteri Luar Negeri Federasi Rusia Sergei Lavrov dan perwakilan Taliban.",
    credit="Kementerian Luar Negeri Rusia",
    reporter="m",
    editor="ci",
    source="interfax.ru",
    original_url="https://www.interfax.ru/",
    paragraphs=[],
    body=[
        "Taliban menguasai kekuasaan di Afghanistan dan dalam hal ini Taliban adalah sekutu "
        "kita dalam perang melawan terorisme.",
        "Gerakan Taliban (dilarang di Rusia sebagai organisasi teroris) menguasai kekuasaan di "
        "Afghanistan dan oleh karena itu tertarik pada stabilitas di negara ini, menjadi sekutu "
        "kami dalam perang melawan terorisme, kata Presiden Rusia Vladimir Putin.",
        "Taliban, gerakan Taliban, telah mengambil kewajiban tertentu. Dan secara umum, masih "
        "terdapat permasalahan yang memerlukan perhatian terus-menerus baik di dalam negeri "
        "maupun komunitas internasional. Namun secara umum, kita harus berasumsi bahwa Taliban "
        "menguasai kekuasaan di negara tersebut.",
        "Dan dalam hal ini, Taliban, tentu saja, adalah sekutu kami dalam memerangi terorisme,” "
        "kata Putin kepada wartawan setelah KTT SCO di Astana Ibu kota Kazakhstan.",
        ("image", "Presiden Rusia Vladimir Putin"),
        "Karena setiap pemerintahan saat ini berkepentingan dengan stabilitas kekuasaannya dan "
        "stabilitas negara yang dipimpinnya dan yang dipimpin oleh pemerintah tersebut,” "
        "jelasnya.",
        ("baca_juga", "dinas-rahasia-as-melenyapkan-penembak-donald-trump"),
        "Dia menyatakan keyakinannya bahwa Taliban tertarik untuk memastikan bahwa “segala "
        "sesuatu di Afghanistan stabil, tenang dan tunduk pada aturan tertentu.” “Dan kami "
        "telah berulang kali menerima sinyal dari gerakan Taliban bahwa mereka siap bekerja "
        "sama dengan kami di jalur anti-terorisme,” kata Putin.",
        "Hal ini diungkapkan dalam pernyataan Presiden Rusia Vadimir Putin pada KTT SCO di Astana.",
        "Dia menambahkan bahwa Rusia telah menerima sinyal dari Taliban tentang kesiapannya "
        "untuk bekerja sama di jalur anti-terorisme, dan Moskow menyambut baik hal ini.",
        (
            "baca_juga",
            "26-negara-dukung-rencana-tiongkok-dan-brasil-untuk-mengakhiri-perang-di-ukraina",
        ),
        "Beginilah cara dia menjawab pertanyaan apakah Taliban perlu dilibatkan dalam perang "
        "melawan ancaman teroris, khususnya dari kelompok teroris yang berbasis di Afghanistan, "
        "seperti ISIS (diakui sebagai teroris dan dilarang di Federasi Rusia), dan apakah mereka "
        "memang demikian. sekutu atau musuh kita.",
    ],
)


def neighbour(title, slug, section, published, tags, summary, caption="", credit=""):
    return DemoArticle(
        title=title,
        slug=slug,
        section=section,
        published=published,
        tags=tags,
        lead=summary,
        caption=caption or title,
        credit=credit or "Dok. Warta (ilustrasi demo)",
        paragraphs=[summary, DEMO_NOTE],
    )


NEIGHBOURS = [
    # The two "Baca Juga" targets of the seed page.
    neighbour(
        "Dinas Rahasia AS melenyapkan penembak Donald Trump",
        "dinas-rahasia-as-melenyapkan-penembak-donald-trump",
        "Internasional",
        wib(2024, 7, 14, 9, 12),
        ["Amerika Serikat", "Donald Trump"],
        "Penembak dalam kampanye Donald Trump di Pennsylvania dilumpuhkan oleh penembak jitu "
        "Dinas Rahasia Amerika Serikat.",
    ),
    neighbour(
        "26 negara dukung rencana Tiongkok dan Brasil untuk mengakhiri perang di Ukraina",
        "26-negara-dukung-rencana-tiongkok-dan-brasil-untuk-mengakhiri-perang-di-ukraina",
        "Internasional",
        wib(2024, 9, 28, 8, 30),
        ["Ukraina", "Tiongkok", "Brasil"],
        "Sebanyak 26 negara menyatakan dukungan bagi usulan perdamaian yang disusun Tiongkok "
        "dan Brasil untuk perang di Ukraina.",
    ),
    # "Berita Terkait": five with their times on the seed page, three more by title.
    neighbour(
        "Ukraina Terima Gencatan Senjata 30 hari dengan Rusia",
        "ukraina-terima-gencatan-senjata-30-hari-dengan-rusia",
        "Internasional",
        wib(2025, 3, 13, 7, 41),
        ["Ukraina", "Rusia"],
        "Ukraina menyatakan siap menerima usulan gencatan senjata selama 30 hari dengan Rusia.",
    ),
    neighbour(
        "Pasukan Rusia Tangkap 430 Tentara Ukraina di Kursk",
        "pasukan-rusia-tangkap-430-tentara-ukraina-di-kursk",
        "Internasional",
        wib(2025, 3, 13, 7, 20),
        ["Ukraina", "Rusia"],
        "Kementerian Pertahanan Rusia mengklaim menangkap 430 tentara Ukraina di wilayah Kursk.",
    ),
    neighbour(
        "Houthi akan melanjutkan serangan terhadap kapal-kapal yang terkait dengan Israel",
        "houthi-akan-melanjutkan-serangan-terhadap-kapal-kapal-yang-terkait-dengan-israel",
        "Internasional",
        wib(2025, 3, 12, 5, 56),
        ["Yaman", "Israel"],
        "Kelompok Houthi di Yaman menyatakan akan kembali menyerang kapal yang terkait Israel.",
    ),
    neighbour(
        "Gencatan senjata Gaza selesai, AS jalin dialog langsung dengan Hamas",
        "gencatan-senjata-gaza-selesai-as-jalin-dialog-langsung-dengan-hamas",
        "Internasional",
        wib(2025, 3, 6, 16, 23),
        ["Gaza", "Amerika Serikat"],
        "Setelah tahap pertama gencatan senjata di Gaza berakhir, Amerika Serikat membuka "
        "pembicaraan langsung dengan Hamas.",
    ),
    neighbour(
        "Paus Fransiskus Tulis Surat di Tengah Sakit, Titip Pesan Damai ke Palestina",
        "paus-fransiskus-tulis-surat-di-tengah-sakit-titip-pesan-damai-ke-palestina",
        "Internasional",
        wib(2025, 3, 2, 20, 41),
        ["Vatikan", "Palestina"],
        "Dari rumah sakit, Paus Fransiskus menulis surat yang berisi pesan perdamaian untuk "
        "rakyat Palestina.",
    ),
    neighbour(
        "Zelensky terpilih, Putin menang hasil utama pertemuan di Gedung Putih",
        "zelensky-terpilih-putin-menang-hasil-utama-pertemuan-di-gedung-putih",
        "Internasional",
        wib(2025, 3, 1, 10, 15),
        ["Ukraina", "Amerika Serikat"],
        "Analis menilai pertemuan di Gedung Putih justru menguntungkan posisi Rusia.",
    ),
    neighbour(
        "Pesawat Presiden Ukraina Zelenskyy mendarat di Inggris setelah berselisih dengan Trump",
        "pesawat-presiden-ukraina-zelenskyy-mendarat-di-inggris-setelah-berselisih-dengan-trump",
        "Internasional",
        wib(2025, 3, 1, 8, 2),
        ["Ukraina", "Inggris"],
        "Presiden Ukraina tiba di London sehari setelah perdebatan terbuka di Gedung Putih.",
    ),
    neighbour(
        "Presiden Ukraina Zelenskyy menolak meminta maaf setelah berdebat dengan Trump",
        "presiden-ukraina-zelenskyy-menolak-meminta-maaf-setelah-berdebat-dengan-trump",
        "Internasional",
        wib(2025, 2, 28, 22, 40),
        ["Ukraina", "Donald Trump"],
        "Zelenskyy menegaskan tidak akan meminta maaf atas perdebatan dengan Presiden AS.",
    ),
    # "Berita Terbaru" at the bottom of the seed page.
    neighbour(
        "Sekjen Partai Aceh Abu Razak Meninggal Dunia di Mekkah",
        "sekjen-partai-aceh-abu-razak-meninggal-dunia-di-mekkah",
        "Umum",
        wib(2025, 3, 19, 13, 36),
        ["Aceh", "Partai Aceh"],
        "Sekretaris Jenderal Partai Aceh Kamaruddin Abubakar atau Abu Razak meninggal dunia "
        "saat menunaikan ibadah umrah di Mekkah.",
        caption="Sekjen Partai Aceh Kamaruddin Abubakar alias Abu Razak.",
        credit="Ist",
    ),
    neighbour(
        "Tiga Polisi Tewas Ditembak di Lampung",
        "tiga-polisi-tewas-ditembak-di-lampung",
        "Peristiwa",
        wib(2025, 3, 19, 11, 37),
        ["Lampung", "Polri"],
        "Tiga anggota Polri tewas ditembak saat menggerebek arena sabung ayam di Way Kanan, "
        "Lampung.",
        caption="Tiga jasad anggota Polri yang tewas ditembak di Lampung.",
        credit="Dok. Istimewa",
    ),
]

# The seed page's "Berita Terkait": the eight neighbours listed under it, in its order.
SEED_RELATED = NEIGHBOURS[2:10]
