"""Reader pages. Thin: parse input, call a selector, render."""

from django.shortcuts import get_object_or_404, render

from rounds import selectors


def home(request):
    return render(request, "rounds/home.html", {"rounds": selectors.round_list()})


def round_list_view(request):
    return render(request, "rounds/round_list.html", {"rounds": selectors.round_list()})


def round_detail_view(request, number: int):
    rnd = get_object_or_404(selectors.round_detail_queryset(), number=number)
    return render(request, "rounds/round_detail.html", {"round": rnd})


def statement_detail_view(request, pk: int):
    statement = get_object_or_404(selectors.statement_list(), pk=pk)
    return render(request, "rounds/statement_detail.html", {"statement": statement})


def event_list_view(request):
    return render(request, "rounds/event_list.html", {"events": selectors.event_list()})


def event_detail_view(request, slug: str):
    event = get_object_or_404(selectors.event_list(), slug=slug)
    return render(request, "rounds/event_detail.html", {"event": event})


def zone_list_view(request):
    return render(request, "rounds/zone_list.html", {"zones": selectors.zone_list()})


def zone_detail_view(request, slug: str):
    zone = get_object_or_404(selectors.zone_list(), slug=slug)
    return render(request, "rounds/zone_detail.html", {"zone": zone})
