"""A fixed corpus for the search tests: legal documents, distinct articles, generated fillers.

Together with the demo content (the seed article and 13 demo articles) it holds 200+ entries.
`LABELLED_QUERIES` lists queries as readers type them, each with the entries that must come first.
"""

import datetime
import random
import unicodedata

DOC_BASE_ID = 900_000
ARTICLE_BASE_ID = 800_000
FILLER_BASE_ID = 700_000

# (key, symbol, kind, issuer, issued on, title)
DOCUMENTS = [
    (
        "qd55",
        "55-QĐ/TW",
        "Quy định",
        "Bộ Chính trị",
        "2016-12-19",
        "về một số việc cần làm ngay để tăng cường vai trò nêu gương của cán bộ, đảng viên",
    ),
    (
        "qd37",
        "37-QĐ/TW",
        "Quy định",
        "Ban Chấp hành Trung ương",
        "2021-10-25",
        "về những điều đảng viên không được làm",
    ),
    (
        "ctr01",
        "01-CTr/TU",
        "Chương trình",
        "Thành ủy Hà Nội",
        "2021-03-17",
        "về tăng cường công tác xây dựng, chỉnh đốn Đảng, xây dựng Đảng bộ và hệ thống chính trị thành phố trong sạch, vững mạnh",
    ),
    (
        "nd42",
        "42/2022/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "2022-06-24",
        "quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng",
    ),
    ("nd13", "13/2023/NĐ-CP", "Nghị định", "Chính phủ", "2023-04-17", "về bảo vệ dữ liệu cá nhân"),
    ("luat104", "104/2016/QH13", "Luật", "Quốc hội", "2016-04-06", "Luật Tiếp cận thông tin"),
    (
        "luat77",
        "77/2015/QH13",
        "Luật",
        "Quốc hội",
        "2015-06-19",
        "Luật Tổ chức chính quyền địa phương",
    ),
    (
        "luat87",
        "87/2015/QH13",
        "Luật",
        "Quốc hội",
        "2015-11-20",
        "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân",
    ),
    (
        "nq27",
        "27-NQ/TW",
        "Nghị quyết",
        "Ban Chấp hành Trung ương",
        "2022-11-09",
        "về tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai đoạn mới",
    ),
    (
        "kl14",
        "14-KL/TW",
        "Kết luận",
        "Bộ Chính trị",
        "2021-09-22",
        "về chủ trương khuyến khích và bảo vệ cán bộ năng động, sáng tạo vì lợi ích chung",
    ),
    (
        "ct05",
        "05-CT/TW",
        "Chỉ thị",
        "Bộ Chính trị",
        "2016-05-15",
        "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    ),
    (
        "qdi08",
        "08-QĐi/TW",
        "Quy định",
        "Ban Chấp hành Trung ương",
        "2018-10-25",
        "về trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là Ủy viên Bộ Chính trị, Ủy viên Ban Bí thư",
    ),
    ("nd30", "30/2020/NĐ-CP", "Nghị định", "Chính phủ", "2020-03-05", "về công tác văn thư"),
    (
        "qd06",
        "06/QĐ-TTg",
        "Quyết định",
        "Thủ tướng Chính phủ",
        "2022-01-06",
        "phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử",
    ),
    (
        "nq18",
        "18-NQ/TW",
        "Nghị quyết",
        "Ban Chấp hành Trung ương",
        "2017-10-25",
        "một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả",
    ),
    (
        "nq39",
        "39-NQ/TW",
        "Nghị quyết",
        "Bộ Chính trị",
        "2015-04-17",
        "về tinh giản biên chế và cơ cấu lại đội ngũ cán bộ, công chức, viên chức",
    ),
    ("luat27", "27/2001/QH10", "Luật", "Quốc hội", "2001-06-29", "Luật Phòng cháy và chữa cháy"),
    ("luat72", "72/2020/QH14", "Luật", "Quốc hội", "2020-11-17", "Luật Bảo vệ môi trường"),
    ("luat31", "31/2024/QH15", "Luật", "Quốc hội", "2024-01-18", "Luật Đất đai"),
    ("luat42", "42/2013/QH13", "Luật", "Quốc hội", "2013-11-25", "Luật Tiếp công dân"),
    ("luat02", "02/2011/QH13", "Luật", "Quốc hội", "2011-11-11", "Luật Khiếu nại"),
    ("luat25", "25/2018/QH14", "Luật", "Quốc hội", "2018-06-12", "Luật Tố cáo"),
    (
        "ctr03",
        "03-CTr/TU",
        "Chương trình",
        "Thành ủy Hà Nội",
        "2021-03-17",
        "về phát triển văn hóa, nâng cao chất lượng nguồn nhân lực, xây dựng người Hà Nội thanh lịch, văn minh",
    ),
    (
        "ctr06",
        "06-CTr/TU",
        "Chương trình",
        "Thành ủy Hà Nội",
        "2021-03-17",
        "về đẩy mạnh thực hiện có hiệu quả công tác quy hoạch, quản lý đô thị",
    ),
    (
        "nq04",
        "04/2023/NQ-HĐND",
        "Nghị quyết",
        "HĐND thành phố",
        "2023-07-04",
        "về chương trình giám sát năm 2024 của Hội đồng nhân dân thành phố",
    ),
    (
        "nq10",
        "10/2022/NQ-HĐND",
        "Nghị quyết",
        "HĐND thành phố",
        "2022-12-08",
        "quy định mức hỗ trợ cho người lao động tự do gặp khó khăn",
    ),
    (
        "tt01",
        "01/2011/TT-BNV",
        "Thông tư",
        "Bộ Nội vụ",
        "2011-01-19",
        "hướng dẫn thể thức và kỹ thuật trình bày văn bản hành chính",
    ),
    (
        "qd222",
        "222-QĐ/TW",
        "Quy định",
        "Ban Bí thư",
        "2023-12-28",
        "về quy trình thực hiện công tác kiểm tra, giám sát và kỷ luật của Đảng",
    ),
    (
        "nq21",
        "21-NQ/TW",
        "Nghị quyết",
        "Ban Chấp hành Trung ương",
        "2022-06-16",
        "về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên trong giai đoạn mới",
    ),
    (
        "kh15",
        "15-KH/TU",
        "Kế hoạch",
        "Thành ủy Hà Nội",
        "2021-05-20",
        "thực hiện chuyển đổi số trong các cơ quan đảng thành phố",
    ),
]

# (key, section, date, title, body)
ARTICLES = [
    (
        "dongxuan",
        "hoat-dong-giam-sat",
        "2026-03-12",
        "Giám sát an toàn thực phẩm tại chợ Đồng Xuân",
        "Đoàn giám sát của Ban Văn hóa – Xã hội kiểm tra các quầy hàng thực phẩm tươi sống tại chợ Đồng Xuân; một số hộ kinh doanh chưa có giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm.",
    ),
    (
        "vudongxuan",
        "tin-tuc-su-kien",
        "2026-02-03",
        "Huyện Mê Linh chuẩn bị sản xuất vụ đông xuân",
        "Huyện Mê Linh hoàn thành kế hoạch gieo cấy vụ đông xuân trên 5.200 ha; các hợp tác xã bảo đảm nước tưới và giống lúa chất lượng.",
    ),
    (
        "thuykhue",
        "tiep-xuc-cu-tri",
        "2026-04-02",
        "Cử tri phường Thụy Khuê kiến nghị chỉnh trang vỉa hè ven hồ Tây",
        "Tại buổi tiếp xúc, cử tri phường Thụy Khuê đề nghị sớm chỉnh trang vỉa hè, bố trí chỗ đỗ xe và xử lý tình trạng lấn chiếm lòng đường quanh hồ Tây.",
    ),
    (
        "hoalac",
        "hoat-dong-giam-sat",
        "2026-05-06",
        "Khảo sát tiến độ Khu công nghệ cao Hòa Lạc",
        "Ban Kinh tế – Ngân sách khảo sát tiến độ giải phóng mặt bằng và thu hút đầu tư tại Khu công nghệ cao Hòa Lạc; nhiều dự án công nghệ thông tin đã đi vào hoạt động.",
    ),
    (
        "hoagiai",
        "tin-tuc-su-kien",
        "2026-05-20",
        "Nâng cao hiệu quả công tác hòa giải ở cơ sở",
        "Hội nghị tổng kết cho thấy các tổ hòa giải ở cơ sở đã hòa giải thành 87,5% vụ việc mâu thuẫn, tranh chấp nhỏ trong khu dân cư.",
    ),
    (
        "thuyloi",
        "hoat-dong-giam-sat",
        "2026-06-10",
        "Giám sát công tác phòng, chống úng ngập và vận hành công trình thủy lợi",
        "Ban Đô thị giám sát việc vận hành các trạm bơm, công trình thủy lợi trước mùa mưa bão; đề nghị nạo vét kênh tiêu Đông Anh.",
    ),
    (
        "lethithuy",
        "tiep-xuc-cu-tri",
        "2026-06-18",
        "Đại biểu Lê Thị Thủy tiếp xúc cử tri huyện Sóc Sơn",
        "Đại biểu Quốc hội Lê Thị Thủy lắng nghe cử tri huyện Sóc Sơn kiến nghị về cấp nước sạch, đường giao thông nông thôn và giá vật tư nông nghiệp.",
    ),
    (
        "tranvanduc",
        "ky-hop-hdnd",
        "2026-07-08",
        "Giám đốc Sở Giáo dục Trần Văn Đức trả lời chất vấn về tuyển sinh lớp 10",
        "Trả lời chất vấn, Giám đốc Sở Giáo dục và Đào tạo Trần Văn Đức cho biết thành phố tăng thêm 24 trường trung học phổ thông công lập để giảm áp lực tuyển sinh lớp 10.",
    ),
    (
        "bachmai",
        "tin-tuc-su-kien",
        "2026-08-01",
        "Đoàn ĐBQH làm việc với Bệnh viện Bạch Mai về quá tải bệnh viện",
        "Đoàn đại biểu Quốc hội thành phố làm việc với Bệnh viện Bạch Mai về tình trạng quá tải, thiếu thuốc, vật tư y tế và cơ chế tự chủ tài chính.",
    ),
    (
        "metro",
        "ky-hop-hdnd",
        "2026-07-09",
        "Chất vấn về tiến độ tuyến đường sắt đô thị Nhổn – ga Hà Nội",
        "Nhiều đại biểu chất vấn tiến độ tuyến đường sắt đô thị Nhổn – ga Hà Nội, đoạn đi ngầm chậm so với kế hoạch do vướng mặt bằng và thay đổi thiết kế.",
    ),
    (
        "songhong",
        "tin-tuc-su-kien",
        "2026-09-05",
        "Hội thảo quy hoạch phân khu đô thị sông Hồng",
        "Các chuyên gia góp ý quy hoạch phân khu đô thị sông Hồng, đề nghị bảo đảm an toàn đê điều, thoát lũ và giữ không gian xanh ven sông.",
    ),
    (
        "vanhoa",
        "tin-tuc-su-kien",
        "2026-09-20",
        "Xây dựng người Hà Nội thanh lịch, văn minh",
        "Thành phố sơ kết 3 năm thực hiện Chương trình 03-CTr/TU về phát triển văn hóa, xây dựng người Hà Nội thanh lịch, văn minh; 90% gia đình đạt danh hiệu gia đình văn hóa.",
    ),
    (
        "chuyendoiso",
        "hoat-dong-giam-sat",
        "2026-10-02",
        "Giám sát chuyển đổi số trong giải quyết thủ tục hành chính",
        "Đoàn giám sát đánh giá việc cung cấp dịch vụ công trực tuyến toàn trình theo Nghị định 42/2022/NĐ-CP; tỷ lệ hồ sơ nộp trực tuyến đạt 68%.",
    ),
    (
        "dulieucanhan",
        "tin-tuc-su-kien",
        "2026-10-10",
        "Tập huấn bảo vệ dữ liệu cá nhân cho cán bộ, công chức",
        "Lớp tập huấn phổ biến Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân; cơ quan nhà nước phải đánh giá tác động xử lý dữ liệu cá nhân.",
    ),
    (
        "nuocsach",
        "hoat-dong-giam-sat",
        "2026-04-22",
        "Giám sát chất lượng nước sạch nông thôn tại huyện Ứng Hòa",
        "Ban Đô thị giám sát chất lượng nước sạch tại huyện Ứng Hòa; nhiều nhà máy nước chưa xét nghiệm định kỳ đủ chỉ tiêu theo quy chuẩn.",
    ),
    (
        "ungho",
        "tin-tuc-su-kien",
        "2026-03-01",
        "Mặt trận Tổ quốc phát động ủng hộ đồng bào bị thiệt hại do bão lũ",
        "Ủy ban Mặt trận Tổ quốc thành phố phát động ủng hộ đồng bào các tỉnh miền Trung bị thiệt hại do bão lũ; sau một tuần đã tiếp nhận hơn 45 tỷ đồng.",
    ),
    (
        "hanhchinh",
        "tin-tuc-su-kien",
        "2026-02-14",
        "Sắp xếp đơn vị hành chính cấp xã giai đoạn 2023 – 2025",
        "Thành phố hoàn thành đề án sắp xếp đơn vị hành chính cấp xã giai đoạn 2023 – 2025, giảm 46 xã, phường; bố trí cán bộ dôi dư theo lộ trình.",
    ),
    (
        "tiepcongdan",
        "tin-tuc-su-kien",
        "2026-01-15",
        "Phó Chủ tịch HĐND Phùng Thị Hồng Hà tiếp công dân",
        "Phó Chủ tịch HĐND thành phố Phùng Thị Hồng Hà tiếp công dân định kỳ, giải quyết đơn khiếu nại về bồi thường giải phóng mặt bằng theo Luật Tiếp công dân.",
    ),
    (
        "dodoxe",
        "tiep-xuc-cu-tri",
        "2026-03-28",
        "Cử tri quận Đống Đa phản ánh thiếu chỗ đỗ xe",
        "Cử tri quận Đống Đa phản ánh tình trạng thiếu bãi đỗ xe, xe máy chiếm dụng vỉa hè; đề nghị thành phố đầu tư bãi đỗ xe ngầm.",
    ),
    (
        "donganh",
        "hoat-dong-giam-sat",
        "2026-05-15",
        "Giám sát công tác bồi thường, giải phóng mặt bằng tại huyện Đông Anh",
        "Đoàn giám sát làm việc với UBND huyện Đông Anh về bồi thường, hỗ trợ, tái định cư dự án đường Vành đai 4; còn 112 hộ chưa nhận tiền bồi thường.",
    ),
    (
        "mamnon",
        "ky-hop-hdnd",
        "2026-12-03",
        "Thông qua nghị quyết hỗ trợ học phí mầm non",
        "HĐND thành phố thông qua nghị quyết hỗ trợ 100% học phí cho trẻ mầm non và học sinh phổ thông công lập năm học 2026 – 2027.",
    ),
    (
        "rac",
        "hoat-dong-giam-sat",
        "2026-08-22",
        "Giám sát xử lý rác thải tại Khu liên hợp xử lý chất thải Nam Sơn",
        "Ban Đô thị giám sát vận hành Khu liên hợp xử lý chất thải Nam Sơn; nhà máy điện rác Sóc Sơn đã xử lý 4.000 tấn rác mỗi ngày.",
    ),
    (
        "nhaxahoi",
        "tin-tuc-su-kien",
        "2026-11-02",
        "Đẩy nhanh phát triển nhà ở xã hội cho công nhân",
        "Thành phố đặt mục tiêu hoàn thành 4 dự án nhà ở xã hội cho công nhân các khu công nghiệp; thủ tục mua nhà được rút ngắn còn 30 ngày.",
    ),
    (
        "duongsat",
        "tin-tuc-su-kien",
        "2026-04-10",
        "Khánh thành cầu Tứ Liên bắc qua sông Hồng",
        "Cầu Tứ Liên nối quận Tây Hồ với huyện Đông Anh được khánh thành, góp phần giảm ùn tắc trên cầu Nhật Tân và cầu Long Biên.",
    ),
    (
        "quyhoach",
        "van-ban",
        "2026-06-01",
        "Công bố quy hoạch Thủ đô thời kỳ 2021 – 2030, tầm nhìn đến năm 2050",
        "Quy hoạch Thủ đô xác định mô hình đô thị đa cực, phát triển hai thành phố trực thuộc phía bắc và phía tây; bảo tồn khu phố cổ.",
    ),
    (
        "phocodi",
        "tin-tuc-su-kien",
        "2026-07-25",
        "Bảo tồn di sản khu phố cổ và phố Hàng Mã",
        "Đoàn khảo sát đánh giá việc bảo tồn nhà cổ trên phố Hàng Mã, Hàng Bạc; nhiều công trình xuống cấp cần sớm tu bổ.",
    ),
    (
        "nguyenthuy",
        "ky-hop-hdnd",
        "2026-12-04",
        "Bầu bổ sung Ủy viên Thường trực HĐND thành phố",
        "Với 98% đại biểu tán thành, bà Nguyễn Thị Thuỷ được bầu giữ chức Ủy viên Thường trực HĐND thành phố nhiệm kỳ 2026 – 2031.",
    ),
    (
        "khieunai",
        "van-ban",
        "2026-09-09",
        "Báo cáo kết quả giải quyết khiếu nại, tố cáo năm 2026",
        "Các cơ quan đã giải quyết 1.240 đơn khiếu nại và 318 đơn tố cáo thuộc thẩm quyền theo Luật Khiếu nại và Luật Tố cáo, đạt 95,2%.",
    ),
    (
        "covid",
        "tin-tuc-su-kien",
        "2026-01-05",
        "Tiêm chủng mở rộng và phòng, chống dịch sởi",
        "Ngành y tế tổ chức tiêm vắc xin sởi cho trẻ từ 1 đến 5 tuổi; tỷ lệ tiêm chủng đạt 97,3%.",
    ),
    (
        "dienmattroi",
        "tin-tuc-su-kien",
        "2026-08-14",
        "Khuyến khích lắp đặt điện mặt trời mái nhà tại trụ sở cơ quan",
        "Thành phố thí điểm lắp đặt điện mặt trời mái nhà tại 50 trụ sở cơ quan, trường học nhằm tiết kiệm năng lượng.",
    ),
    (
        "cauduong",
        "tiep-xuc-cu-tri",
        "2026-10-18",
        "Cử tri huyện Ba Vì kiến nghị sửa chữa đường tỉnh 411",
        "Cử tri huyện Ba Vì kiến nghị sớm sửa chữa đường tỉnh 411 bị hư hỏng, lắp đèn chiếu sáng và biển báo tại các điểm giao cắt.",
    ),
    (
        "lehoi",
        "tin-tuc-su-kien",
        "2026-02-20",
        "Quản lý lễ hội chùa Hương mùa xuân",
        "Huyện Mỹ Đức triển khai bán vé điện tử, quản lý giá dịch vụ đò và bảo đảm an ninh trật tự tại lễ hội chùa Hương.",
    ),
    (
        "ngansach",
        "ky-hop-hdnd",
        "2026-12-05",
        "Quyết định dự toán thu ngân sách năm 2027",
        "HĐND thành phố quyết định dự toán thu ngân sách nhà nước năm 2027 đạt 510.000 tỷ đồng, tăng 8% so với ước thực hiện năm 2026.",
    ),
    (
        "giaoban",
        "tin-tuc-su-kien",
        "2026-03-30",
        "Nêu gương trong thực hiện nhiệm vụ của người đứng đầu",
        "Hội nghị quán triệt Quy định 08-QĐi/TW về trách nhiệm nêu gương; người đứng đầu cơ quan phải gương mẫu, nói đi đôi với làm.",
    ),
    (
        "dangvien",
        "tin-tuc-su-kien",
        "2026-04-28",
        "Quán triệt những điều đảng viên không được làm",
        "Đảng ủy Khối các cơ quan thành phố tổ chức quán triệt Quy định số 37-QĐ/TW về những điều đảng viên không được làm tới 1.500 đảng viên.",
    ),
]

# Queries as readers type them, and the entries (keys above, or "seed") that must rank first.
LABELLED_QUERIES = [
    ("kiem tra hoan kiem", ["seed"]),
    ("Kiểm tra Hoàn Kiếm", ["seed"]),
    ("KIỂM TRA QUẬN ỦY HOÀN KIẾM", ["seed"]),
    (unicodedata.normalize("NFD", "kiểm tra hoàn kiếm"), ["seed"]),
    ("doan kiem tra so 2 thanh uy", ["seed"]),
    ("nguyen ngoc tuan hoan kiem", ["seed"]),
    ("Đinh Hồng Phong", ["seed"]),
    ("dinh hong phong", ["seed"]),
    ('"nêu gương" hoàn kiếm', ["seed"]),
    ("55-QĐ/TƯ", ["qd55"]),
    ("55 qd tw", ["qd55"]),
    ("55-QĐ/TW", ["qd55"]),
    ("quy dinh 55-qd/tu", ["qd55"]),
    ("37 qđ tw", ["qd37"]),
    ("Quy định 37-QĐ/TƯ", ["qd37"]),
    ("01-CTr/TU", ["ctr01"]),
    ("01 ctr tu", ["ctr01"]),
    ("42/2022/NĐ-CP", ["nd42"]),
    ("nghi dinh 42/2022/nd-cp", ["nd42"]),
    ("13/2023/nđ-cp", ["nd13"]),
    ("87/2015/QH13", ["luat87"]),
    ("27-NQ/TW", ["nq27"]),
    ("08-QĐi/TW", ["qdi08"]),
    ("06/QĐ-TTg", ["qd06"]),
    ("bao ve du lieu ca nhan", ["nd13", "dulieucanhan"]),
    ("luat tiep can thong tin", ["luat104"]),
    ("những điều đảng viên không được làm", ["qd37", "dangvien"]),
    ("luat hoat dong giam sat", ["luat87"]),
    ("tinh gian bien che", ["nq39"]),
    ("nha nuoc phap quyen", ["nq27"]),
    ("công tác văn thư", ["nd30"]),
    ("the thuc van ban hanh chinh", ["tt01"]),
    ("bảo vệ cán bộ năng động sáng tạo", ["kl14"]),
    ("cho dong xuan", ["dongxuan"]),
    ("chợ Đồng Xuân", ["dongxuan"]),
    ("vụ đông xuân", ["vudongxuan"]),
    ("an toan thuc pham dong xuan", ["dongxuan"]),
    ("thuy khue", ["thuykhue"]),
    ("Thụy Khuê hồ tây", ["thuykhue"]),
    ("hoa lac", ["hoalac"]),
    ("khu công nghệ cao Hoà Lạc", ["hoalac"]),
    ("hoà giải ở cơ sở", ["hoagiai"]),
    ("cong trinh thuy loi", ["thuyloi"]),
    ("công trình thuỷ lợi", ["thuyloi"]),
    ("le thi thuy", ["lethithuy"]),
    ("Lê Thị Thuỷ Sóc Sơn", ["lethithuy"]),
    ("tran van duc", ["tranvanduc"]),
    ("TRẦN VĂN ĐỨC tuyển sinh lớp 10", ["tranvanduc"]),
    ("benh vien bach mai qua tai", ["bachmai"]),
    ("duong sat do thi nhon ga ha noi", ["metro"]),
    ('"đường sắt đô thị"', ["metro"]),
    ("quy hoach song hong", ["songhong"]),
    ("nguoi ha noi thanh lich van minh", ["vanhoa", "ctr03"]),
    ("dich vu cong truc tuyen", ["chuyendoiso", "nd42"]),
    ("nuoc sach ung hoa", ["nuocsach"]),
    ("ủng hộ đồng bào bão lũ", ["ungho"]),
    ("sap xep don vi hanh chinh cap xa", ["hanhchinh"]),
    ("phung thi hong ha", ["tiepcongdan"]),
    ("bai do xe dong da", ["dodoxe"]),
    ("giai phong mat bang dong anh vanh dai 4", ["donganh"]),
    ("hoc phi mam non", ["mamnon"]),
    ("rac thai nam son", ["rac"]),
    ("nha o xa hoi cong nhan", ["nhaxahoi"]),
    ("cau tu lien", ["duongsat"]),
    ("quy hoach thu do 2050", ["quyhoach"]),
    ("pho hang ma", ["phocodi"]),
    ("nguyen thi thuy uy vien thuong truc", ["nguyenthuy"]),
    ("khieu nai to cao 2026", ["khieunai"]),
    ("tiem vac xin soi", ["covid"]),
    ("dien mat troi mai nha", ["dienmattroi"]),
    ("duong tinh 411 ba vi", ["cauduong"]),
    ("le hoi chua huong", ["lehoi"]),
    ("du toan thu ngan sach 2027", ["ngansach"]),
    ("trach nhiem neu guong nguoi dung dau", ["giaoban", "qdi08"]),
    ("chuyen doi so co quan dang", ["kh15"]),
]

_EVENTS = ["Giám sát", "Khảo sát", "Hội nghị bàn về", "Tọa đàm về", "Đối thoại về", "Sơ kết"]
_TOPICS = [
    "công tác cải cách hành chính",
    "việc thực hiện chính sách bảo hiểm xã hội",
    "tiến độ giải ngân vốn đầu tư công",
    "công tác quản lý đất đai",
    "việc thu ngân sách nhà nước",
    "xây dựng nông thôn mới",
    "quản lý trật tự xây dựng",
    "chăm sóc sức khỏe ban đầu",
    "giáo dục nghề nghiệp cho thanh niên",
    "vệ sinh môi trường khu dân cư",
    "chính sách đối với người có công",
    "phát triển du lịch cộng đồng",
]
_PLACES = [
    "quận Ba Đình",
    "quận Cầu Giấy",
    "quận Long Biên",
    "huyện Gia Lâm",
    "huyện Thanh Trì",
    "thị xã Sơn Tây",
    "quận Hà Đông",
    "huyện Thạch Thất",
    "quận Tây Hồ",
    "huyện Phúc Thọ",
    "quận Hoàng Mai",
    "huyện Chương Mỹ",
]
_SENTENCES = [
    "Báo cáo cho biết, {place} đã hoàn thành {pct}% chỉ tiêu kế hoạch năm về {topic}.",
    "Các đại biểu đề nghị UBND {place} tập trung tháo gỡ khó khăn, vướng mắc, bảo đảm tiến độ.",
    "Đoàn ghi nhận nhiều cách làm sáng tạo, song còn một số hạn chế trong phối hợp giữa các phòng, ban.",
    "Kết luận buổi làm việc, lãnh đạo Ban đề nghị rà soát, bổ sung kế hoạch, báo cáo kết quả trước ngày {day}/{month}.",
    "Cử tri kiến nghị tăng cường công khai, minh bạch và tiếp thu ý kiến người dân trong quá trình thực hiện.",
    "Năm qua, địa phương đã giải quyết {count} hồ sơ, trong đó {pct}% đúng hạn.",
    "Việc triển khai gắn với thực hiện {doc} của Thành ủy.",
]
_CITED = [
    "Chương trình số 06-CTr/TU",
    "Nghị quyết số 18-NQ/TW",
    "Kế hoạch số 15-KH/TU",
    "Nghị quyết số 27-NQ/TW",
]


def _fillers(count: int = 140) -> list[tuple[int, dict]]:
    rng = random.Random(20260509)
    items = []
    sections = ["tin-tuc-su-kien", "hoat-dong-giam-sat", "tiep-xuc-cu-tri", "ky-hop-hdnd"]
    for index in range(count):
        event, topic, place = rng.choice(_EVENTS), rng.choice(_TOPICS), rng.choice(_PLACES)
        sentences = rng.sample(_SENTENCES, 4)
        body = " ".join(
            sentence.format(
                place=place,
                topic=topic,
                pct=f"{rng.randint(60, 99)},{rng.randint(0, 9)}",
                day=rng.randint(1, 28),
                month=rng.randint(1, 12),
                count=rng.randint(100, 5000),
                doc=rng.choice(_CITED),
            )
            for sentence in sentences
        )
        section = rng.choice(sections)
        items.append(
            (
                FILLER_BASE_ID + index,
                {
                    "title": f"{event} {topic} tại {place}",
                    "body": body,
                    "url": f"/{section}/tin-{index}/",
                    "section": section,
                    "section_label": section,
                    "date": datetime.date(2025, 1, 1) + datetime.timedelta(days=index * 3),
                },
            )
        )
    return items


def document_items() -> list[tuple[int, dict]]:
    return [
        (
            DOC_BASE_ID + index,
            {
                "title": f"{kind} số {symbol} ngày {datetime.date.fromisoformat(issued):%d/%m/%Y} của {issuer} {title}",
                "body": f"{kind} {title}. Cơ quan ban hành: {issuer}.",
                "symbol": symbol,
                "url": f"/van-ban/{key}/",
                "date": datetime.date.fromisoformat(issued),
            },
        )
        for index, (key, symbol, kind, issuer, issued, title) in enumerate(DOCUMENTS)
    ]


def article_items() -> list[tuple[int, dict]]:
    return [
        (
            ARTICLE_BASE_ID + index,
            {
                "title": title,
                "body": body,
                "url": f"/{section}/{key}/",
                "section": section,
                "section_label": section,
                "date": datetime.date.fromisoformat(day),
            },
        )
        for index, (key, section, day, title, body) in enumerate(ARTICLES)
    ]


def filler_items() -> list[tuple[int, dict]]:
    return _fillers()


def keys_to_ids() -> dict[str, tuple[str, int]]:
    """Corpus key → (kind, object id)."""
    found = {key: ("legal_document", DOC_BASE_ID + i) for i, (key, *_) in enumerate(DOCUMENTS)}
    found.update({key: ("article", ARTICLE_BASE_ID + i) for i, (key, *_) in enumerate(ARTICLES)})
    return found
