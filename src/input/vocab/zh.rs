//! Chinese headers, Simplified and Traditional: Excel sheets, 企业微信 / 纷享销客 / 销售易
//! exports, Taiwanese and Hong Kong lists.
//!
//! Headers are written without spaces: a header no entry matches whole is cut into the
//! entries it is made of ("公司总机" → "公司" "总机", see `split_cjk`). "总机" / "總機" is the
//! company's switchboard; "负责人" (the person in charge) is the record's owner.

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "zh",
    first_name: Words {
        // 名 beside 姓: the given name (a full name is 姓名, 全名).
        exact: &["名"],
        words: &[],
        not: &["昵称", "暱稱"],
    },
    last_name: Words {
        exact: &["姓", "姓氏"],
        words: &["姓氏"],
        not: &[],
    },
    full_name: Words {
        exact: &["姓名", "名字", "全名", "名称"],
        words: &["姓名"],
        not: &[
            "昵称",
            "暱稱",
            "用户名",
            "用戶名",
            "拼音",
            "部门",
            "部門",
            "职位",
            "職位",
            "地址",
            "号码",
            "號碼",
        ],
    },
    company_name: Words {
        exact: &[
            "公司名称",
            "公司名",
            "公司全称",
            "企业名称",
            "单位名称",
            "机构名称",
            "工作单位",
            "所在单位",
            "公司名稱",
            "企業名稱",
            "單位名稱",
            "機構名稱",
        ],
        words: &[
            "公司名称",
            "公司名",
            "企业名称",
            "单位名称",
            "公司名稱",
            "企業名稱",
        ],
        not: &[
            "地址", "部门", "部門", "行业", "行業", "规模", "規模", "职位", "職位", "城市", "号码",
            "號碼",
        ],
    },
    company_domain: Words {
        exact: &[
            "网址", "网站", "官网", "主页", "域名", "網址", "網站", "官網", "主頁", "網域",
        ],
        words: &[
            "网址", "网站", "官网", "主页", "域名", "網址", "網站", "官網", "主頁", "網域",
        ],
        not: &[],
    },
    email: Words {
        exact: &[
            "邮箱",
            "电子邮件",
            "邮件",
            "电子邮箱",
            "电邮",
            "電子郵件",
            "電郵",
            "郵箱",
            "電子信箱",
            "郵件",
        ],
        words: &[
            "邮箱",
            "电子邮件",
            "邮件",
            "电子邮箱",
            "电邮",
            "電子郵件",
            "電郵",
            "郵箱",
            "電子信箱",
            "郵件",
        ],
        not: &[],
    },
    phone: Words {
        exact: &[
            "电话",
            "手机",
            "手机号",
            "手机号码",
            "电话号码",
            "联系电话",
            "联系方式",
            "移动电话",
            "座机",
            "固定电话",
            "固话",
            "直线",
            "手機",
            "電話",
            "行動電話",
            "手機號碼",
            "電話號碼",
            "聯絡電話",
            "聯繫電話",
            "市話",
        ],
        words: &[
            "电话",
            "手机",
            "手机号",
            "座机",
            "固话",
            "直线",
            "手機",
            "電話",
            "行動電話",
            "市話",
        ],
        not: &["传真", "傳真", "分机", "分機"],
    },
    linkedin_url: Words {
        exact: &["领英", "領英"],
        words: &["领英", "領英"],
        not: &[],
    },
    date: Words {
        exact: &["日期"],
        words: &[],
        not: &[],
    },
    name: &["名称", "名稱", "名字"],
    contact: &["联系人", "聯絡人", "聯繫人", "联络人"],
    company: &[
        "公司",
        "企业",
        "企業",
        "单位",
        "單位",
        "机构",
        "機構",
        "组织",
        "組織",
        "客户公司",
    ],
    other: &[
        "负责人",
        "負責人",
        "所有者",
        "拥有者",
        "擁有者",
        "所属人",
        "归属人",
        "歸屬人",
        "跟进人",
        "销售",
        "銷售",
        "销售代表",
        "銷售代表",
        "业务员",
        "業務員",
        "客户经理",
        "客戶經理",
        "创建人",
        "创建者",
        "建立者",
        "建立人",
        "修改人",
        "更新人",
        "助理",
        "秘书",
        "秘書",
        "采购员",
        "採購員",
        "买家",
        "買家",
        "推荐人",
        "推薦人",
        "我方",
        "我司",
    ],
    meta: &[
        "状态", "狀態", "来源", "來源", "类型", "類型", "日期", "时间", "時間", "数量", "數量",
        "同意", "退订", "退訂", "有效", "无效", "無效", "原因", "备注", "備註", "编号", "編號",
    ],
    filler: &[
        "号码", "號碼", "地址", "个人", "個人", "工作", "办公", "辦公", "私人", "其他", "的",
    ],
    switchboard: &[
        "总机",
        "總機",
        "前台",
        "总部",
        "總部",
        "总台",
        "總台",
        "公司总机",
        "总机号码",
    ],
    company_ids: &[
        "统一社会信用代码",
        "社会信用代码",
        "信用代码",
        "税号",
        "稅號",
        "纳税人识别号",
        "納稅人識別號",
        "营业执照",
        "營業執照",
        "营业执照号",
        "工商注册号",
        "注册号",
        "组织机构代码",
        "統一編號",
        "統編",
        "統一社會信用代碼",
    ],
    joins: &[],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn chinese_headers() {
        names(LastName, "姓");
        names(LastName, "姓氏");
        names(FullName, "姓名");
        names(FullName, "联系人");
        names(FullName, "联系人姓名");
        names(FullName, "聯絡人");
        names(CompanyName, "公司");
        names(CompanyName, "公司名称");
        names(CompanyName, "公司名稱");
        names(CompanyName, "单位名称");
        names(CompanyDomain, "网址");
        names(CompanyDomain, "公司网址");
        names(CompanyDomain, "網站");
        names(Email, "邮箱");
        names(Email, "电子邮件");
        names(Email, "邮箱地址");
        names(Email, "電子郵件");
        names(Phone, "手机");
        names(Phone, "手机号码");
        names(Phone, "电话");
        names(Phone, "联系电话");
        names(Phone, "手機");
        names(Phone, "行動電話");
        names(LinkedinUrl, "领英");
        names(Date, "日期");
        for h in [
            "负责人",
            "負責人",
            "所有者",
            "销售代表",
            "客户经理",
            "创建人",
            "修改人",
            "助理",
            "采购员",
            "推荐人",
            "我方联系人",
        ] {
            someone_else(h);
        }
        for h in [
            "状态",
            "邮箱状态",
            "来源",
            "电话类型",
            "添加日期",
            "创建时间",
            "退订",
            "无效原因",
            "備註",
        ] {
            not_a_value(h);
        }
        for h in [
            "总机",
            "公司总机",
            "總機",
            "前台电话",
            "统一社会信用代码",
            "税号",
            "統一編號",
            "纳税人识别号",
        ] {
            company_level(h);
        }
        nothing("传真");
        nothing("公司电话");
        nothing("分机");
        nothing("部门");
    }
}
