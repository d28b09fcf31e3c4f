"""The hand edits of dataset 2027.2 (issue 21), as a script so the change can be read and re-run.

Why a script: the new evidence columns, the ``public_service`` recoding and the audit's fixes touch
rows all over the CSV; written here, each edit states what it changes and why, and running it twice
changes nothing. New rows from research come in through ``scripts/merge_research.py`` instead.

    python -m scripts.edits_2027_2
"""

from __future__ import annotations

from components.core.data.columns import Col
from scripts.dataset_csv import ACTIONS, read_rows, write_rows

#: A government opens a standing metaverse service or space (codebook 2027.2): recoded from event / body_alliance.
#: The first twelve are the audit's (pupils' places, hikikomori spaces, virtual malls and cities, the Osaka
#: pavilion, MSIT's one-stop window); the rest are every other row of the same pattern found in the data.
PUBLIC_SERVICE = [
    "jp-04-2024-10-sendai-kokoiru-online-ibasho", "jp-11-2025-09-saitama-education-metaverse",
    "jp-46-2024-09-kagoshima-city-metaverse-futoko", "jp-44-2025-09-oita-city-metaverse-futoko",
    "jp-27-2025-10-sakai-metaverse-futoko-pilot", "jp-23-2024-11-nagoya-yururilink-hikikomori-metaverse",
    "jp-19-2023-10-kofu-hikikomori-metaverse", "jp-41-2022-ureshino-digital-mall", "jp-08-2024-02-virtual-tsuchiura",
    "jp-26-2023-03-kameoka-virtual-historia", "jp-27-2025-01-virtual-osaka-healthcare-pavilion",
    "kr-nat-2023-10-metaverse-one-stop-window",
    # the same pattern elsewhere: city and prefecture metaverses, ward offices, pupils' and withdrawal spaces
    "jp-27-2021-12-virtual-osaka", "jp-26-2022-03-kyoto-kan-plus-x", "kr-30-2022-03-daedeok-zepeto-world",
    "jp-28-2022-06-virtual-yabu-city", "jp-26-2022-08-naked-garden-one-kyoto",
    "kr-30-2022-09-daejeon-tourism-zepeto-daejeon-world", "kr-44-2022-11-naepo-innovation-town-metaverse",
    "jp-23-2022-11-virtual-seto", "jp-43-2022-11-kumamon-metaverse", "jp-13-2022-12-tokyo-boe-virtual-learning-platform",
    "cn-gx-2022-12-culture-tourism-metaverse-experience-zone", "kr-11-2023-01-metaverse-seoul-launch",
    "jp-31-2023-02-tottori-metaverse-division", "jp-05-2023-03-akita-migration-metaverse-expo",
    "jp-35-2023-yamaguchi-meta-world", "cn-hk-2023-05-police-cyberdefender-metaverse",
    "kr-nat-2023-06-jamboree-metaverse-launch", "jp-38-2023-07-ehime-meta-sapo-campus",
    "jp-13-2023-09-edogawa-metaverse-ward-office", "jp-27-2023-09-yao-metaverse-futoko-support",
    "jp-11-2023-11-virtual-saitama", "jp-13-2023-11-shibuya-metaverse-keyaki-classroom",
    "jp-27-2023-11-osaka-virtual-art-museum", "jp-31-2023-11-virtual-kurayoshi",
    "jp-02-2023-12-nakadomari-metaverse-english-education", "kr-42-2024-01-virtual-gangwon-launch",
    "jp-22-2024-01-metaverse-shizuoka", "jp-20-2024-02-azumino-tourism-metaverse",
    "jp-24-2024-02-kuwana-metaverse-city-hall", "jp-27-2024-03-virtual-osaka-new-areas",
    "jp-09-2024-03-nikko-education-trip-metaverse", "jp-31-2024-03-virtual-tottori",
    "jp-26-2024-04-joyo-education-metaverse", "jp-33-2024-04-okayama-metaverse-ibasho",
    "jp-21-2024-04-gifu-castle-metaverse-fortnite", "jp-13-2024-06-edogawa-metaverse-ward-office-operation",
    "jp-15-2024-08-sado-edo-timeslip-metaverse", "jp-22-2024-10-shizuoka-virtual-school-trial",
    "jp-23-2024-12-metaverse-toyota", "jp-45-2025-01-virtual-miyazaki", "jp-13-2025-03-minato-metaverse-branch-office",
    "jp-42-2025-06-nagasaki-metaverse-attendance", "jp-02-2025-09-mutsu-metaverse-education-support-centre",
    "jp-15-2025-10-virtual-sanjo", "jp-16-2025-10-toyama-city-boe-metaverse", "jp-13-2025-10-hino-ibasyo-meta-ba",
    "jp-06-2025-10-yamagata-boe-online-ibasho-metaverse", "jp-12-2025-10-matsudo-meta-matsu",
    "jp-12-2025-11-chiba-after-school-metaverse", "jp-43-2025-11-kumamoto-online-education-support-centre",
    "jp-17-2025-12-kanazawa-sodachi-link",
]

#: Japanese towns are municipalities under their prefecture, like cities (the audit's Meiwa finding, applied to
#: every town row): level municipal, not district.
JAPANESE_TOWNS = ["jp-24-2024-01-meiwa-music-fest-world", "jp-24-2023-02-meiwa-avatar-center",
                  "jp-18-2023-10-takahama-metaverse-ideathon", "jp-02-2023-12-nakadomari-metaverse-english-education"]

#: The audit's other findings (issue 21), each with the source that settles it.
FIXES = {
    "cn-js-2023-06-wuxi-binhu-metaverse-promotion-conference": {
        # The report (5 June 2023) says the reporter learned on 1 June of a conference held "recently": the
        # month is not known either (late May or 1 June), so only the year is recorded.
        Col.DATE: "2023-01-01", Col.DATE_PRECISION: "year",
        Col.SUMMARY: "At the district's 2023 metaverse promotion conference a China Yangtze Delta–Dubai metaverse "
                     "alliance was unveiled, a Binhu digital fund was announced and 18 projects were signed. The "
                     "report says only that the conference was held recently when the reporter learned of it on "
                     "1 June 2023; neither its day nor its month is given, so only the year is recorded.",
    },
    "cn-sd-2024-03-enterprise-innovation-projects-future-industries-special": {
        Col.SUMMARY: "On 7 March 2024 the department published the notice for the first 2024 batch of provincial "
                     "enterprise technology innovation projects, with applications opening on 11 March, and added "
                     "a new 'future industries' special steering firms towards the metaverse, AI, life sciences, "
                     "future networks, quantum information, humanoid robots and deep-sea and aerospace fields. The "
                     "date is the one in the address of the department's notice, which could not be opened here.",
        Col.SOURCE_NAME: "Dazhong Daily, 11 March 2024, on Select Shandong (Shandong Provincial Government)",
        Col.SOURCE_URL: "http://selectshandong.com/website/article/index/id/29791/cid/658.html",
        Col.ISSUER_URL_NOT_OPENED: "http://gxt.shandong.gov.cn/art/2024/3/7/art_15201_10340788.html",
    },
    "cn-gd-2023-10-guangzhou-nansha-key-field-sci-tech-guide-metaverse": {
        Col.SUMMARY: "Nansha's October 2023 guide for key-field science and technology projects listed the metaverse "
                     "first among its priority fields (with new materials, new energy and energy saving, and "
                     "aerospace), with up to RMB 2 million per project. The guide itself was not found in stored "
                     "sources: this row rests on one sentence of a 2024 article on the district's draft metaverse "
                     "demonstration-project guide.",
    },
    "kr-nat-2024-05-enforcement-decree-legislative-notice": {
        Col.SUMMARY: "MSIT put the draft decree out for comment from 28 May to 8 July 2024, the period MSIT's "
                     "release on the decree's adoption (19 August 2024) gives. It set procedures for the basic and "
                     "yearly plans, the industry survey, the declaration duty for metaverse platforms with annual "
                     "sales above KRW 100 million, temporary standards and dispute resolution.",
        Col.MORE_SOURCES: "https://yonbang.net/news/article.html?no=193176",
        Col.VERIFICATION: "corroborated",
    },
}


def main() -> int:
    header, rows = read_rows(ACTIONS)
    for column in Col.optional():
        if column not in header:
            header.append(column)
    by_id = {row[Col.ACTION_ID]: row for row in rows}
    missing = [i for i in PUBLIC_SERVICE + JAPANESE_TOWNS + list(FIXES) if i not in by_id]
    if missing:
        raise SystemExit(f"unknown action ids: {missing}")
    for action_id in PUBLIC_SERVICE:
        by_id[action_id][Col.ACTION_TYPE] = "public_service"
    for action_id in JAPANESE_TOWNS:
        by_id[action_id][Col.LEVEL] = "municipal"
    for action_id, changes in FIXES.items():
        by_id[action_id].update(changes)
    for row in rows:
        if row.get(Col.VERIFICATION) == "unverified":
            row[Col.VERIFICATION] = "reported"
    write_rows(ACTIONS, header, rows)
    print(f"{ACTIONS.name}: {len(set(PUBLIC_SERVICE))} rows public_service, {len(JAPANESE_TOWNS)} towns municipal, "
          f"{len(FIXES)} audit fixes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
