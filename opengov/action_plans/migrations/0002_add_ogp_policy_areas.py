"""OGP's policy areas: the columns of the OGP commitments export, each with its group."""

from django.db import migrations
from django.utils.text import slugify

OGP_POLICY_AREAS = [
    ("Anti-Corruption and Integrity", "Anti-Corruption and Integrity"),
    ("Anti-corruption Institutions", "Anti-Corruption and Integrity"),
    ("Anti-Corruption Strategies", "Anti-Corruption and Integrity"),
    ("Asset Disclosure", "Anti-Corruption and Integrity"),
    ("Audits", "Anti-Corruption and Integrity"),
    ("Beneficial Ownership", "Anti-Corruption and Integrity"),
    ("Conflicts Of Interest", "Anti-Corruption and Integrity"),
    ("Elections", "Anti-Corruption and Integrity"),
    ("Political Finance", "Anti-Corruption and Integrity"),
    ("Lobbying", "Anti-Corruption and Integrity"),
    ("Open Contracting", "Anti-Corruption and Integrity"),
    ("Public Procurement", "Anti-Corruption and Integrity"),
    ("Right To Information", "Anti-Corruption and Integrity"),
    ("Whistleblower Protections", "Anti-Corruption and Integrity"),
    ("Civic Space and Enabling Environment", "Civic Space and Enabling Environment"),
    ("Freedom of Assembly", "Civic Space and Enabling Environment"),
    ("Freedom of Association", "Civic Space and Enabling Environment"),
    ("Freedom of Expression", "Civic Space and Enabling Environment"),
    ("Democratizing Decision-Making", "Democratizing Decision-Making"),
    ("Digital Participation", "Democratizing Decision-Making"),
    ("Mainstreaming Participation", "Democratizing Decision-Making"),
    ("Regulatory Governance", "Democratizing Decision-Making"),
    ("Social Accountability", "Democratizing Decision-Making"),
    ("Digital Governance", "Digital Governance"),
    ("Automated Decision-making", "Digital Governance"),
    ("Data Stewardship and Privacy", "Digital Governance"),
    ("Digital Inclusion", "Digital Governance"),
    ("Disinformation/Misinformation", "Digital Governance"),
    ("Online Civic Space", "Digital Governance"),
    ("Environment & Climate", "Environment & Climate"),
    ("Climate Finance", "Environment & Climate"),
    ("Climate Mitigation and Adaptation", "Environment & Climate"),
    ("Environmental Regulation", "Environment & Climate"),
    ("International Environmental Agreements", "Environment & Climate"),
    ("Fiscal Openness", "Fiscal Openness"),
    ("Publication Of Budget/Fiscal Information", "Fiscal Openness"),
    ("Public Participation In Budget/Fiscal Policy", "Fiscal Openness"),
    ("Oversight Of Budget/Fiscal Policies", "Fiscal Openness"),
    ("Stimulus and Economic Recovery", "Fiscal Openness"),
    ("Tax", "Fiscal Openness"),
    ("Debt", "Fiscal Openness"),
    ("Inclusion", "Inclusion"),
    ("Gender", "Inclusion"),
    ("Gender-Based Violence", "Inclusion"),
    ("Economic Inclusion", "Inclusion"),
    ("LGBTQIA+", "Inclusion"),
    ("People with Disabilities", "Inclusion"),
    ("Youth", "Inclusion"),
    ("Justice", "Justice"),
    ("Access to Justice", "Justice"),
    ("Open Justice", "Justice"),
    ("Policing & Corrections", "Justice"),
    ("Judiciary", "Justice"),
    ("Open Parliaments", "Open Parliaments"),
    ("Public Service Delivery", "Public Service Delivery"),
    ("Citizenship & Immigration", "Public Service Delivery"),
    ("Education", "Public Service Delivery"),
    ("Health & Nutrition", "Public Service Delivery"),
    ("Infrastructure & Transport", "Public Service Delivery"),
    ("Water & Sanitation", "Public Service Delivery"),
    ("Capacity Building", ""),
    ("Digital Transformation", ""),
    ("Legislation", ""),
    ("Regulation", ""),
    ("Legislative Oversight", ""),
    ("Open Data", ""),
    ("Public Participation", ""),
    ("Aid", ""),
    ("Energy", ""),
    ("Extractive Industries", ""),
    ("Land and Spatial Planning", ""),
    ("Media & Telecommunications", ""),
    ("Science & Technology", ""),
    ("Security & Public Safety", ""),
    ("Labor", ""),
    ("Private Sector", ""),
    ("Subnational", ""),
    ("Human Rights", ""),
    ("Open Parliament Plan", ""),
    ("Sustainable Development Goals", ""),
    ("Open Data (Water/Sanitation)", ""),
    ("Open Data (Health)", ""),
    ("Open Data (Education)", ""),
    ("Participation in Lawmaking", ""),
    ("Access to information", ""),
    ("Money in Politics", ""),
]


def add_policy_areas(apps, schema_editor):
    PolicyArea = apps.get_model("action_plans", "PolicyArea")
    for name, group in OGP_POLICY_AREAS:
        PolicyArea.objects.get_or_create(
            ogp_column=name,
            defaults={"name": name, "slug": slugify(name.replace("+", " plus")), "group": group},
        )


def remove_policy_areas(apps, schema_editor):
    PolicyArea = apps.get_model("action_plans", "PolicyArea")
    PolicyArea.objects.filter(ogp_column__in=[name for name, _ in OGP_POLICY_AREAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("action_plans", "0001_initial")]
    operations = [migrations.RunPython(add_policy_areas, remove_policy_areas)]
