"""Tone-marked pinyin for the traditional characters the sample content farm annotates.

The farm (like the seed page) writes ``經(jīng)濟(jì)``: each character whose form differs from
simplified script gets its reading in ASCII parentheses. Readings of polyphonic characters
are the ones the farm's converter picks, which are not always right in context (長 -> zhǎng).
"""

from __future__ import annotations

_TABLE = """
並bìng 乾gān 佈bù 佔zhàn 來lái 倉cāng 個gè 們men 傑jié 備bèi 僅jǐn 價jià 儀yí 億yì 內nèi
創chuàng 劃huà 劉liú 動dòng 勞láo 區qū 吳wú 員yuán 單dān 嚴yán 國guó 圍wéi 園yuán 圖tú
團tuán 場chǎng 塊kuài 學xué 實shí 將jiāng 專zhuān 對duì 層céng 峽xiá 嶺lǐng 帶dài 幣bì
幫bāng 幾jǐ 庫kù 廠chǎng 廣guǎng 後hòu 從cóng 慶qìng 戶hù 掃sǎo 採cǎi 數shù 於yú 時shí
書shū 會huì 東dōng 條tiáo 楓fēng 業yè 構gòu 樂lè 樹shù 機jī 檢jiǎn 權quán 歲suì 減jiǎn
測cè 滿mǎn 濟jì 濤tāo 灣wān 為wéi 營yíng 爭zhēng 牆qiáng 獲huò 現xiàn 產chǎn 畝mǔ 當dāng
發fā 監jiān 盤pán 確què 稅shuì 種zhòng 積jī 穩wěn 筍sǔn 節jié 糧liáng 紹shào 組zǔ 絡luò
統tǒng 經jīng 網wǎng 緊jǐn 線xiàn 編biān 練liàn 縣xiàn 總zǒng 繞rào 繫xì 續xù 聞wén 聯lián
臺tái 與yǔ 興xīng 舉jǔ 萬wàn 葉yè 蓋gài 處chù 號hào 蟲chóng 術shù 裝zhuāng 裡lǐ 製zhì
見jiàn 訂dìng 計jì 訊xùn 託tuō 記jì 訪fǎng 設shè 詞cí 試shì 話huà 說shuō 調tiáo 負fù
貨huò 責zé 貸dài 費fèi 貿mào 資zī 賣mài 趕gǎn 車chē 較jiào 輕qīng 輯jí 轉zhuǎn 辦bàn
辭cí 農nóng 這zhè 進jìn 遊yóu 運yùn 過guò 達dá 適shì 還hái 邊biān 郵yóu 鄉xiāng 鄧dèng
鄰lín 銷xiāo 錄lù 鍵jiàn 鎮zhèn 鏈liàn 長zhǎng 門mén 開kāi 閒xián 間jiān 關guān 隊duì
雙shuāng 難nán 雲yún 電diàn 頁yè 項xiàng 頭tóu 題tí 額é 顯xiǎn 飛fēi 餘yú 館guǎn 驗yàn
體tǐ 鬆sōng 黃huáng 點diǎn 黨dǎng 陳chén 張zhāng 級jí 氣qì 鐵tiě 標biāo 隨suí 務wù
夠gòu 價jià 覽lǎn 態tài 蘇sū 詳xiáng 壓yā 歷lì 環huán 碼mǎ 勝shèng 麗lì 傳chuán 讓ràng
"""

PINYIN: dict[str, str] = {item[0]: item[1:] for item in _TABLE.split()}
