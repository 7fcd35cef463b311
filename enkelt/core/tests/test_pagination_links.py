"""Page links past page 999 carry plain numbers (Danish formatting would write 1.000)."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation


def test_page_links_beyond_a_thousand_are_plain_numbers():
    paginator = Paginator(range(3000), 1)
    page = paginator.page(1500)
    with translation.override("da"):
        html = render_to_string(
            "core/_pagination.html",
            {
                "page": page,
                "page_range": list(paginator.get_elided_page_range(1500)),
                "ellipsis": Paginator.ELLIPSIS,
                "querystring": "status=open",
            },
        )
    assert "page=1499" in html and "page=1501" in html and "page=3000" in html
    assert "page=1.50" not in html and "page=3.000" not in html
    assert ">1.500<" in html  # the number people read is still formatted
