from django import template

from home.documents import who_can_download

register = template.Library()
register.simple_tag(who_can_download)
