"""The people of one shard: master data, potential data and hidden behaviour parameters.

Master data (Grunddaten) are what a company knows from the first contact,
potential data (Potenzialdaten) estimate what a customer could spend, and the
hidden parameters (purchase rate, dropout, spend, patience, baseline
satisfaction) are the truth the analyses try to recover.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
from faker import Faker
from faker.providers.address import Provider as AddressProvider
from faker.providers.company import Provider as CompanyProvider
from faker.providers.person import Provider as PersonProvider

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.products import TASTE_GROUPS

AGE_BANDS = ("18-29", "30-44", "45-59", "60+")
INCOME_CLASSES = ("low", "middle", "high")
COMPANY_SIZES = ("1-9", "10-49", "50-249", "250+")
#: Postal zone (first digit of the postcode, Postleitzone) → broad region.
REGION_BY_ZONE = ("Ost", "Ost", "Nord", "Mitte", "West", "West", "Südwest", "Südwest", "Süd", "Süd")
#: Preferred service channel by age band (rows) over SERVICE_CHANNELS.
SERVICE_CHANNELS = ("phone", "email", "chat", "self_service")
CHANNEL_BY_AGE = np.array(
    [
        [0.15, 0.20, 0.35, 0.30],
        [0.30, 0.30, 0.20, 0.20],
        [0.50, 0.30, 0.10, 0.10],
        [0.70, 0.20, 0.05, 0.05],
    ]
)
CHANNEL_BUSINESS = np.array([0.45, 0.40, 0.10, 0.05])
ACQUISITION_CHANNELS = ("store", "web", "phone", "letter", "email", "mobile")
ACQUISITION_WEIGHTS = np.array([0.35, 0.30, 0.10, 0.10, 0.10, 0.05])
#: The missing value of the text columns (None), as an array ``np.where`` is typed to take.
_MISSING = np.array(None, dtype=object)


def draw_population(
    customer_ids: np.ndarray,
    params: LifecycleParameters,
    rng: np.random.Generator,
    faker_seed: int,
) -> pd.DataFrame:
    """Draw the people of one shard.

    Parameters
    ----------
    customer_ids
        Ids of the people in this shard (int64).
    params
        Model parameters.
    rng
        Generator for this shard's population stream.
    faker_seed
        Seed for this shard's own Faker instance (de_DE names and postcodes).

    Returns
    -------
    pandas.DataFrame
        One row per person: customer_id, customer_type, name, age_band, postcode,
        region, segment, income_class, company_size_class, estimated_wallet_eur,
        initial_status, acquisition_date (NaT for prospects), acquisition_channel,
        preferred_channel, marketing_consent, and the hidden parameters
        purchase_rate_per_year, dropout_probability, mean_order_value_eur,
        patience_min, baseline_satisfaction, complaint_propensity, taste_group.
    """
    n = len(customer_ids)
    is_business = rng.random(n) < params.business_share
    is_prospect = rng.random(n) < params.prospect_share
    age_index = rng.choice(len(AGE_BANDS), size=n, p=[0.2, 0.3, 0.3, 0.2])
    income_index = rng.choice(len(INCOME_CLASSES), size=n, p=[0.3, 0.5, 0.2])
    size_index = rng.choice(len(COMPANY_SIZES), size=n, p=[0.55, 0.3, 0.12, 0.03])

    # Hidden behaviour: gamma purchase rates, beta dropout, gamma spend (BG/NBD, gamma-gamma).
    rate = rng.gamma(
        params.purchase_rate_shape, params.purchase_rate_mean / params.purchase_rate_shape, n
    )
    rate *= np.where(is_business, 1.6, 1.0)
    dropout = rng.beta(params.dropout_a, params.dropout_b, n)
    spend = rng.gamma(params.spend_shape, params.spend_mean_eur / params.spend_shape, n)
    spend *= np.where(is_business, 1.8 + 0.6 * size_index, 0.7 + 0.4 * income_index)
    patience = np.exp(rng.normal(np.log(5.0), 0.6, n)) * np.where(age_index >= 2, 1.4, 1.0)
    baseline = np.clip(rng.normal(7.4, 1.1, n), 2.0, 10.0)
    complaint_propensity = rng.beta(3.0, 3.0, n)
    taste = rng.integers(0, len(TASTE_GROUPS), n)

    premium = np.where(is_business, size_index >= 2, income_index == 2)
    segment = np.where(
        is_business,
        np.where(premium, "business_key", "business_small"),
        np.where(premium, "private_premium", "private_standard"),
    )
    wallet = rate * spend * 1.8 * np.exp(rng.normal(0.0, 0.35, n))
    channel_p = np.where(is_business[:, None], CHANNEL_BUSINESS[None, :], CHANNEL_BY_AGE[age_index])
    cumulative = channel_p.cumsum(axis=1)
    preferred = (rng.random(n)[:, None] > cumulative).sum(axis=1).clip(0, len(SERVICE_CHANNELS) - 1)
    consent = rng.random(n) < np.where(age_index == 3, 0.45, 0.65)

    tenure_days = np.minimum(rng.exponential(3.0 * 365.0, n), 15 * 365.0).astype(np.int64) + 1
    acquired = pd.Timestamp(params.start_date) - pd.to_timedelta(tenure_days, unit="D")
    acquisition_date = pd.Series(acquired).where(~is_prospect, pd.NaT)
    acquisition_channel = np.where(
        is_prospect,
        _MISSING,
        np.asarray(ACQUISITION_CHANNELS, dtype=object)[
            rng.choice(len(ACQUISITION_CHANNELS), size=n, p=ACQUISITION_WEIGHTS)
        ],
    )

    faker = Faker("de_DE")
    faker.seed_instance(faker_seed)
    names = draw_names(faker, is_business.tolist())
    postcodes = draw_postcodes(faker, n)
    regions = [REGION_BY_ZONE[int(code[0])] for code in postcodes]

    return pd.DataFrame(
        {
            "customer_id": customer_ids.astype(np.int64),
            "customer_type": np.where(is_business, "business", "private"),
            "name": names,
            "age_band": np.where(
                is_business, _MISSING, np.asarray(AGE_BANDS, dtype=object)[age_index]
            ),
            "postcode": postcodes,
            "region": regions,
            "segment": segment,
            "income_class": np.where(
                is_business, _MISSING, np.asarray(INCOME_CLASSES, dtype=object)[income_index]
            ),
            "company_size_class": np.where(
                is_business, np.asarray(COMPANY_SIZES, dtype=object)[size_index], _MISSING
            ),
            "estimated_wallet_eur": wallet.round(2),
            "initial_status": np.where(is_prospect, "prospect", "customer"),
            "acquisition_date": acquisition_date.to_numpy(),
            "acquisition_channel": acquisition_channel,
            "preferred_channel": np.asarray(SERVICE_CHANNELS, dtype=object)[preferred],
            "marketing_consent": consent,
            "purchase_rate_per_year": rate,
            "dropout_probability": dropout,
            "mean_order_value_eur": spend,
            "patience_min": patience,
            "baseline_satisfaction": baseline,
            "complaint_propensity": complaint_propensity,
            "taste_group": taste,
            "is_business": is_business,
        }
    )


def draw_postcodes(faker: Faker, count: int) -> list[str]:
    """``count`` postcodes: the same strings, from the same draws, as ``faker.postcode()``.

    Faker fills a format such as ``#####`` through five regular-expression passes
    per call. For formats of digits only (``#``, as the German ones) this draws the
    same format choice and digits from Faker's own generator directly, about five
    times faster; for any other format it asks Faker.
    """
    provider = faker.postcode.__self__  # type: ignore[attr-defined]
    formats = tuple(provider.postcode_formats)
    if type(provider).postcode is not AddressProvider.postcode or any(
        set(form) != {"#"} for form in formats
    ):
        return [faker.postcode() for _ in range(count)]
    rand = provider.generator.random
    choice, randint = rand.choice, rand.randint
    codes = []
    for _ in range(count):
        form = choice(formats)  # Faker's random_element: one choice, even of one format
        codes.append("".join([str(randint(0, 9)) for _ in form]))
    return codes


#: A token of a Faker format such as ``{{first_name}}`` (with an optional argument group).
_TOKEN = re.compile(r"\{\{\s*(\w+)(:\s*\w+?)?\s*\}\}")


def draw_names(faker: Faker, is_business: list[bool]) -> list[str]:
    """Company names for business customers, person names for the others.

    The same strings, from the same draws, as ``faker.company()`` and
    ``faker.name()``: each draws a format (``{{first_name}} {{last_name}}``) and
    calls the methods its tokens name, left to right. Faker finds the tokens with a
    regular expression and every method through its locale proxy on each call;
    here each format is split once, which makes a name about 2.5 times cheaper. A
    locale whose providers override these methods, or a format with an argument
    group, is left to Faker.
    """
    person = faker.name.__self__  # type: ignore[attr-defined]
    company = faker.company.__self__  # type: ignore[attr-defined]
    if (
        type(person).name is not PersonProvider.name
        or type(company).company is not CompanyProvider.company
    ):
        return [faker.company() if business else faker.name() for business in is_business]
    filled: dict[str, list[str | Callable[[], object]] | None] = {}
    names = []
    for business in is_business:
        provider = company if business else person
        pattern = provider.random_element(provider.formats)
        if pattern not in filled:
            filled[pattern] = _split_format(pattern, provider.generator)
        parts = filled[pattern]
        if parts is None:
            names.append(provider.generator.parse(pattern))
        else:
            names.append(
                "".join([part if isinstance(part, str) else str(part()) for part in parts])
            )
    return names


def _split_format(pattern: str, generator: object) -> list[str | Callable[[], object]] | None:
    """The literal text and token methods of a format (``None``: it has argument groups)."""
    parts: list[str | Callable[[], object]] = []
    position = 0
    for token in _TOKEN.finditer(pattern):
        if token.group(2):
            return None
        parts.append(pattern[position : token.start()])
        parts.append(getattr(generator, token.group(1)))
        position = token.end()
    parts.append(pattern[position:])
    return parts
