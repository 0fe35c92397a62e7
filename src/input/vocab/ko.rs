//! Korean headers: Excel sheets, 리멤버 (business card) / 세일즈포스 / CRM exports.
//!
//! "대표전화" / "대표번호" is the company's main number ("대표" alone is also the CEO: it
//! rules the phone out); "사업자등록번호" its business registration number. "연락처" (contact
//! details) is the phone number. "이름" stays a full name, as before this file, although 성 /
//! 이름 pairs use it for the given name.

use super::{Lang, Words};

pub const LANG: Lang = Lang {
    code: "ko",
    first_name: Words {
        exact: &["퍼스트네임"],
        words: &[],
        not: &["닉네임", "별명"],
    },
    last_name: Words {
        exact: &["성", "성씨"],
        words: &["성씨"],
        not: &[],
    },
    full_name: Words {
        exact: &["이름", "성명", "성함", "담당자명"],
        words: &["성명", "성함"],
        not: &[
            "닉네임",
            "별명",
            "아이디",
            "부서",
            "부서명",
            "직급",
            "직책",
            "주소",
            "번호",
        ],
    },
    company_name: Words {
        exact: &[
            "회사명",
            "업체명",
            "기업명",
            "상호",
            "상호명",
            "법인명",
            "소속",
            "소속회사",
            "직장명",
            "거래처명",
        ],
        words: &["회사명", "업체명", "기업명", "상호", "상호명", "법인명"],
        not: &[
            "주소",
            "부서",
            "부서명",
            "업종",
            "직원수",
            "매출",
            "직급",
            "번호",
        ],
    },
    company_domain: Words {
        exact: &["홈페이지", "웹사이트", "사이트", "도메인", "웹"],
        words: &["홈페이지", "웹사이트", "사이트", "도메인", "웹"],
        not: &[],
    },
    email: Words {
        exact: &["이메일", "메일", "전자메일", "e메일"],
        words: &["이메일", "메일", "전자메일", "e메일"],
        not: &[],
    },
    phone: Words {
        exact: &[
            "전화",
            "전화번호",
            "휴대폰",
            "휴대전화",
            "핸드폰",
            "연락처",
            "직통전화",
            "직통번호",
            "직통",
            "모바일",
            "유선전화",
        ],
        words: &[
            "전화",
            "전화번호",
            "휴대폰",
            "휴대전화",
            "핸드폰",
            "연락처",
            "직통",
            "직통전화",
            "모바일",
        ],
        not: &["팩스", "내선", "대표"],
    },
    linkedin_url: Words {
        exact: &["링크드인"],
        words: &["링크드인"],
        not: &[],
    },
    date: Words {
        exact: &["날짜", "일자", "일시"],
        words: &[],
        not: &[],
    },
    name: &["이름", "명", "명칭"],
    contact: &[],
    company: &[
        "회사",
        "기업",
        "업체",
        "법인",
        "직장",
        "단체",
        "거래처",
        "조직",
        "고객사",
    ],
    other: &[
        "영업담당",
        "영업담당자",
        "담당영업",
        "영업사원",
        "영업",
        "소유자",
        "작성자",
        "등록자",
        "수정자",
        "생성자",
        "비서",
        "어시스턴트",
        "구매자",
        "추천인",
        "책임자",
        "관리자",
        "당사",
        "자사",
        "대표자",
    ],
    meta: &[
        "상태",
        "출처",
        "유입경로",
        "유형",
        "구분",
        "종류",
        "날짜",
        "일자",
        "등록일",
        "생성일",
        "수정일",
        "수신동의",
        "동의",
        "수신거부",
        "유효",
        "무효",
        "사유",
        "원인",
        "메모",
        "비고",
        "개수",
        "건수",
    ],
    filler: &["번호", "주소", "개인", "업무", "사무실", "기타"],
    switchboard: &[
        "대표전화",
        "대표번호",
        "대표 전화",
        "대표 번호",
        "교환",
        "교환대",
        "본사",
        "본사전화",
        "안내데스크",
    ],
    company_ids: &[
        "사업자등록번호",
        "사업자번호",
        "사업자",
        "법인등록번호",
        "법인번호",
    ],
    joins: &[],
};

#[cfg(test)]
mod tests {
    use super::super::check::{company_level, names, not_a_value, nothing, someone_else};
    use crate::input::roles::Role::*;

    #[test]
    fn korean_headers() {
        names(LastName, "성");
        names(FullName, "성명");
        names(FullName, "이름");
        names(FullName, "성함");
        names(CompanyName, "회사명");
        names(CompanyName, "회사");
        names(CompanyName, "업체명");
        names(CompanyName, "회사 이름");
        names(CompanyDomain, "홈페이지");
        names(CompanyDomain, "웹사이트");
        names(Email, "이메일");
        names(Email, "이메일 주소");
        names(Email, "이메일주소");
        names(Phone, "휴대폰");
        names(Phone, "휴대폰번호");
        names(Phone, "휴대폰 번호");
        names(Phone, "전화번호");
        names(Phone, "연락처");
        names(Phone, "직통전화");
        names(LinkedinUrl, "링크드인");
        names(Date, "날짜");
        for h in [
            "영업담당",
            "영업 담당자",
            "소유자",
            "작성자",
            "등록자",
            "비서",
            "구매자",
            "추천인",
            "책임자",
            "당사 담당자",
        ] {
            someone_else(h);
        }
        for h in [
            "상태",
            "이메일 상태",
            "출처",
            "전화 유형",
            "등록일",
            "수신동의",
            "수신거부",
            "사유",
            "비고",
        ] {
            not_a_value(h);
        }
        for h in [
            "대표전화",
            "대표번호",
            "대표 전화",
            "본사 전화",
            "사업자등록번호",
            "사업자 등록 번호",
            "법인번호",
        ] {
            company_level(h);
        }
        nothing("팩스");
        nothing("회사 전화");
        nothing("내선번호");
        nothing("부서");
    }
}
