"""The client's address: X-Forwarded-For is believed only from a trusted proxy, and only its nearest hop."""

import pytest
from django.test import RequestFactory, override_settings

from vigil.accounts.addresses import client_address


def request(remote: str, forwarded: str | None = None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_address(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@override_settings(VIGIL_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_trusted_proxy_gives_the_address_it_saw():
    assert client_address(request("10.0.0.2", "198.51.100.1")) == "198.51.100.1"


@override_settings(VIGIL_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_what_the_client_wrote_before_the_proxy_is_not_believed():
    # the client sent "X-Forwarded-For: 192.0.2.99"; the proxy appended the address it saw
    assert client_address(request("10.0.0.2", "192.0.2.99, 198.51.100.1")) == "198.51.100.1"


@override_settings(VIGIL_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_chain_of_trusted_proxies_is_walked_from_the_right():
    assert client_address(request("10.0.0.2", "192.0.2.99, 198.51.100.1, 10.0.0.9")) == "198.51.100.1"


@override_settings(VIGIL_TRUSTED_PROXIES=["10.0.0.0/8"])
@pytest.mark.parametrize("forwarded", ["", "not-an-address", "198.51.100.1\n, <script>"])
def test_a_missing_or_garbled_header_gives_the_proxy_or_the_last_good_hop(forwarded):
    assert client_address(request("10.0.0.2", forwarded)) == "10.0.0.2"


@override_settings(VIGIL_TRUSTED_PROXIES=["10.0.0.2", "2001:db8::/32"])
def test_ipv6_and_single_addresses_are_accepted_as_proxies():
    assert client_address(request("2001:db8::1", "2001:db8:ffff::5, 198.51.100.4")) == "198.51.100.4"
    assert client_address(request("10.0.0.3", "198.51.100.4")) == "10.0.0.3"
