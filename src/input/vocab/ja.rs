//! Japanese headers: 名刺 (business card) lists, Sansan / Eight exports, Excel sheets.
//!
//! Kanji and kana are kept as they are; full-width letters fold to ASCII (`ＴＥＬ` → "tel").
//! Headers are written without spaces: a header no entry matches whole is cut into the
//! entries it is made of ("携帯電話番号" → "携帯電話" "番号", see `split_cjk`). "代表電話" is the
//! company's main number; "フリガナ" / "セイ" / "メイ" are the reading of a name, not the name.
//! "名" alone is the given name (姓 / 名 pairs); a full name is 氏名, 名前, お名前 or 姓名.

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "ja",
    first_name: Words {
        exact: &["名", "下の名前", "ファーストネーム"],
        words: &["ファーストネーム"],
        not: &["ミドルネーム", "ニックネーム"],
    },
    last_name: Words {
        exact: &["姓", "苗字", "名字", "ラストネーム"],
        words: &["苗字", "ラストネーム"],
        not: &["旧姓"],
    },
    full_name: Words {
        exact: &["氏名", "名前", "お名前", "姓名", "フルネーム"],
        words: &["氏名", "フルネーム"],
        not: &[
            "フリガナ",
            "ふりがな",
            "カナ",
            "かな",
            "よみがな",
            "読み仮名",
            "セイ",
            "メイ",
            "ローマ字",
            "ニックネーム",
            "ユーザー名",
            "部署",
            "部署名",
            "役職",
            "役職名",
            "住所",
            "番号",
        ],
    },
    company_name: Words {
        exact: &[
            "会社名",
            "企業名",
            "社名",
            "法人名",
            "団体名",
            "組織名",
            "勤務先名",
            "会社名称",
            "取引先名",
            "屋号",
            "商号",
        ],
        words: &["会社名", "企業名", "社名", "法人名", "勤務先名"],
        not: &[
            "部署",
            "部署名",
            "役職",
            "住所",
            "所在地",
            "業種",
            "従業員数",
            "資本金",
            "番号",
        ],
    },
    company_domain: Words {
        exact: &[
            "ホームページ",
            "ウェブサイト",
            "webサイト",
            "サイト",
            "hp",
            "ドメイン",
            "企業サイト",
            "公式サイト",
        ],
        words: &["ホームページ", "ウェブサイト", "サイト", "ドメイン"],
        not: &[],
    },
    email: Words {
        exact: &[
            "メール",
            "メールアドレス",
            "電子メール",
            "eメール",
            "eメールアドレス",
            "メアド",
        ],
        words: &["メール", "メールアドレス", "eメール", "メアド"],
        not: &[],
    },
    phone: Words {
        exact: &[
            "電話",
            "電話番号",
            "携帯",
            "携帯電話",
            "携帯番号",
            "携帯電話番号",
            "直通",
            "直通電話",
            "直通番号",
            "ダイヤルイン",
            "スマホ",
        ],
        words: &[
            "電話",
            "電話番号",
            "携帯",
            "携帯電話",
            "携帯番号",
            "直通",
            "直通電話",
            "ダイヤルイン",
            "スマホ",
        ],
        not: &["代表", "ファックス", "ファクス", "内線"],
    },
    linkedin_url: Words {
        exact: &["リンクトイン"],
        words: &["リンクトイン"],
        not: &[],
    },
    date: Words {
        exact: &["日付", "日時"],
        words: &[],
        not: &[],
    },
    name: &["名", "名前", "名称"],
    contact: &[],
    company: &["会社", "企業", "法人", "団体", "組織", "取引先", "勤務先"],
    other: &[
        "所有者",
        "担当者",
        "営業担当",
        "営業担当者",
        "担当営業",
        "作成者",
        "更新者",
        "登録者",
        "紹介者",
        "購入者",
        "アシスタント",
        "秘書",
        "自社担当",
        "代表者",
        "オーナー",
    ],
    meta: &[
        "ステータス",
        "状態",
        "ソース",
        "流入元",
        "流入経路",
        "種別",
        "種類",
        "タイプ",
        "区分",
        "日付",
        "日時",
        "登録日",
        "作成日",
        "更新日",
        "交換日",
        "件数",
        "同意",
        "配信停止",
        "配信",
        "有効",
        "無効",
        "理由",
        "エラー",
        "バウンス",
        "確度",
        "備考",
        "メモ",
    ],
    filler: &["番号", "アドレス", "の", "個人", "自宅", "その他"],
    switchboard: &[
        "代表電話",
        "代表番号",
        "代表tel",
        "大代表",
        "受付",
        "本社",
        "本社電話",
        "交換台",
    ],
    company_ids: &[
        "法人番号",
        "会社法人等番号",
        "登録番号",
        "インボイス番号",
        "適格請求書発行事業者登録番号",
    ],
    joins: &[],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn japanese_headers() {
        names(LastName, "姓");
        names(FirstName, "名");
        names(LastName, "苗字");
        names(FullName, "氏名");
        names(FullName, "お名前");
        names(FullName, "名前");
        names(CompanyName, "会社名");
        names(CompanyName, "企業名");
        names(CompanyName, "勤務先");
        names(CompanyName, "会社");
        names(CompanyName, "会社の名前");
        names(CompanyDomain, "ホームページ");
        names(CompanyDomain, "URL");
        names(CompanyDomain, "会社URL");
        names(Email, "メールアドレス");
        names(Email, "Eメール");
        names(Email, "Ｅメール");
        names(Email, "E-mail");
        names(Phone, "電話番号");
        names(Phone, "携帯電話");
        names(Phone, "携帯電話番号");
        names(Phone, "ＴＥＬ");
        names(Phone, "直通電話");
        names(Date, "日付");
        for h in [
            "所有者",
            "担当者",
            "営業担当",
            "営業担当者名",
            "作成者",
            "更新者",
            "紹介者",
            "購入者",
            "アシスタント",
            "秘書",
        ] {
            someone_else(h);
        }
        for h in [
            "ステータス",
            "メール配信停止",
            "メールステータス",
            "配信同意",
            "流入元",
            "電話種別",
            "登録日",
            "名刺交換日",
            "エラー理由",
            "件数",
        ] {
            not_a_value(h);
        }
        for h in [
            "代表電話",
            "代表電話番号",
            "代表番号",
            "代表TEL",
            "大代表",
            "受付電話",
            "法人番号",
            "会社法人等番号",
            "登録番号",
        ] {
            company_level(h);
        }
        nothing("フリガナ");
        nothing("FAX");
        nothing("会社電話");
        nothing("内線");
        nothing("部署名");
    }
}
