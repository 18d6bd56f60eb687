from figures.errors import FiguresError


def test_error_names_file_row_column_and_expectation():
    error = FiguresError("expected a positive amount, found '-5'", path="x.csv", row=3, column="value")
    assert str(error) == "x.csv, row 3, column 'value': expected a positive amount, found '-5'"
    assert (error.path, error.row, error.column) == ("x.csv", 3, "value")


def test_error_without_location_is_the_message():
    assert str(FiguresError("expected EUR")) == "expected EUR"
