"""Identity values carry the OCR confidence and place of the cells and lines they were read from."""
from pipeline.extract.reading import mend_misread_words, trace_identity
from pipeline.model import Cell, Identity, Paragraph, Table


def identity_table(date_confidence: float | None) -> Table:
    box = (1, 500.0, 200.0, 900.0, 240.0) if date_confidence is not None else None
    image = b"\x89PNG date cell" if date_confidence is not None else None
    return Table([[Cell("NAMA SOP", confidence=95.0), Cell("Pengelolaan Arsip", confidence=93.0)],
                  [Cell("TGL. PEMBUATAN", confidence=94.0), Cell("28 Desember 2017", confidence=date_confidence,
                                                                 box=box, image=image)]], page=1)


def test_a_value_takes_the_confidence_box_and_image_of_the_cell_it_was_read_from():
    identity = Identity(sop_title="Pengelolaan Arsip", created_date="28 Desember 2017")
    confidence, boxes, images = trace_identity(identity, [identity_table(41.0)])
    assert confidence == {"sop_title": 93.0, "created_date": 41.0}
    assert boxes == {"created_date": (1, 500.0, 200.0, 900.0, 240.0)}
    assert images == {"created_date": b"\x89PNG date cell"}


def test_born_digital_text_has_no_confidence():
    identity = Identity(sop_title="Pengelolaan Arsip", created_date="28 Desember 2017")
    table = identity_table(None)
    for row in table.rows:
        for cell in row:
            cell.confidence = None
    assert trace_identity(identity, [table]) == ({}, {}, {})


def test_a_nip_read_differently_elsewhere_in_the_file_is_not_trusted():
    identity = Identity(signatory_nip="19590227 198003 1 004")
    signature = [Paragraph("NIP. 19590227 198003 1 004", 2, 90.0), Paragraph("NIP. 19590227 198008 1 004", 3, 88.0)]
    assert trace_identity(identity, signature)[0] == {"signatory_nip": 0.0}
    assert trace_identity(identity, signature[:1])[0] == {"signatory_nip": 90.0}


def test_words_of_a_doubtful_position_are_mended_by_likeness_to_words_printed_clearly():
    letterhead = Paragraph("PEMERINTAH PROVINSI SUMATERA UTARA", 1, 93.0)
    identity = Identity(approved_by="CUBEEHUR SUMETERY UTARA", confidence={"approved_by": 31.0})
    mend_misread_words(identity, [letterhead], {"gubernur", "kepala"})
    assert identity.approved_by == "GUBERNUR SUMATERA UTARA"


def test_a_position_read_clearly_or_unlike_any_known_word_is_left_as_read():
    letterhead = Paragraph("PEMERINTAH PROVINSI SUMATERA UTARA", 1, 93.0)
    clear = Identity(approved_by="SUMETERY", confidence={"approved_by": 88.0})
    unlike = Identity(approved_by="Xqwzk Bupati", confidence={"approved_by": 30.0})
    for identity in (clear, unlike):
        printed = identity.approved_by
        mend_misread_words(identity, [letterhead], {"gubernur", "bupati"})
        assert identity.approved_by == printed
