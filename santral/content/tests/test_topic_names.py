"""Topics in the reader's language: English and Arabic names, the Turkish name (marked
lang="tr") when a topic has none."""

import pytest
from django.utils import translation

from santral.content.factories import make_news
from santral.content.models import Topic
from santral.content.selectors import topic_labels


def test_a_topic_shows_its_name_in_the_interface_language():
    topic = Topic(name="Kadın", name_en="Women", name_ar="المرأة")
    bare = Topic(name="Mevzuat")
    with translation.override("tr"):
        assert (str(topic.display), topic.display.__html__()) == ("Kadın", "Kadın")
    with translation.override("en"):
        assert (str(topic.display), topic.display.__html__()) == ("Women", "Women")
        assert bare.display.__html__() == '<span lang="tr" dir="auto">Mevzuat</span>'
    with translation.override("ar"):
        assert str(topic.display) == "المرأة"


@pytest.mark.django_db
def test_news_lists_show_topics_in_english_and_arabic(client, cast):
    women = Topic.objects.create(name="Kadın", name_en="Women", name_ar="المرأة")
    law = Topic.objects.create(name="Mevzuat")
    news = make_news(cast.council_a, title="Kadın haberi")
    news.topics.add(women, law)
    news.save()

    turkish = client.get("/haberler/").content.decode()
    assert '<span class="tag">Kadın</span>' in turkish
    english = client.get("/en/haberler/").content.decode()
    assert '<span class="tag">Women</span>' in english
    assert '<span class="tag"><span lang="tr" dir="auto">Mevzuat</span></span>' in english
    assert ">Kadın<" not in english
    arabic = client.get("/ar/haberler/").content.decode()
    assert '<span class="tag">المرأة</span>' in arabic

    with translation.override("en"):
        assert topic_labels(["Kadın", "Mevzuat"]) == {"Kadın": "Women", "Mevzuat": "Mevzuat"}
    with translation.override("tr"):
        assert topic_labels(["Kadın"]) == {}  # the Turkish names are the labels: no query
